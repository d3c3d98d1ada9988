package omnichannel.bridge.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import omnichannel.bridge.Conversation;
import omnichannel.bridge.client.FourBizClient;
import omnichannel.bridge.config.BridgeConfig;
import omnichannel.bridge.repository.ConversationStore;
import omnichannel.bridge.repository.SentMessageStore;
import omnichannel.events.OutboundMessage;
import omnichannel.events.OutboundMessage.Purpose;
import omnichannel.platform.messaging.KeyedPublisher;
import omnichannel.platform.rest.ProblemException;

/**
 * Carries what attendants write in 4biz back to the person: follow-ups in the answer categories, found by polling the
 * tickets of open conversations or pushed to the replies endpoint, and a notice when the ticket is resolved or
 * closed. Each answer's message id is derived from the ticket and the follow-up, so an answer polled and pushed, or
 * polled again after a crash, is still sent once (the channel service drops a repeated id).
 */
@ApplicationScoped
public class AttendantAnswers {

    /** 4biz's status of a resolved ticket (fourbiz-api.md). */
    static final String RESOLVED = "Resolvida";

    private final ConversationStore store;
    private final SentMessageStore sentMessages;
    private final FourBizClient fourBiz;
    private final KeyedPublisher<OutboundMessage> publisher;
    private final BridgeConfig bridge;
    private final BridgeMetrics metrics;
    private final MediaLinks links;

    public AttendantAnswers(ConversationStore store, SentMessageStore sentMessages, FourBizClient fourBiz,
            KeyedPublisher<OutboundMessage> publisher,
            BridgeConfig bridge, BridgeMetrics metrics, MediaLinks links) {
        this.links = links;
        this.store = store;
        this.sentMessages = sentMessages;
        this.fourBiz = fourBiz;
        this.publisher = publisher;
        this.bridge = bridge;
        this.metrics = metrics;
    }

    /** The person opted out of messages on this interaction; nothing but a confirmation may be sent. */
    public static class OptedOut extends ProblemException {

        OptedOut(String ticket) {
            super(409, "Conflict", "the requester of ticket " + ticket + " opted out of messages");
        }
    }

    /** No conversation has this ticket. */
    public static class UnknownTicket extends ProblemException {

        UnknownTicket(String ticket) {
            super(404, "Not found", "no conversation has ticket " + ticket);
        }
    }

    /**
     * One poll round: claims the conversations due (several instances share the work without overlap) and checks
     * their tickets a few at a time. Nothing is written when nothing changed.
     */
    @Scheduled(every = "${bridge.answers.poll-interval}", delayed = "${bridge.answers.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public Uni<Void> poll() {
        return store.claimDue(bridge.answers().batchSize(), bridge.answers().pollInterval())
                .chain(due -> Multi.createFrom().iterable(due)
                        .onItem().transformToUni(conversation -> check(conversation)
                                .onFailure().recoverWithItem(e -> {
                                    Log.warnf("checking ticket %s failed, tried again next round: %s",
                                            conversation.ticketNumber(), e.getMessage());
                                    return null;
                                }))
                        .merge(bridge.answers().concurrency())
                        .collect().last())
                .replaceWithVoid();
    }

    /** New answers first, then the status: an attendant who answers and resolves at once is heard before the notice. */
    Uni<Void> check(Conversation conversation) {
        String ticket = conversation.ticketNumber();
        String interaction = conversation.interactionId();
        return fourBiz.occurrences(ticket)
                .chain(occurrences -> {
                    if (occurrences.size() <= conversation.occurrencesSeen()) {
                        return Uni.createFrom().voidItem();
                    }
                    List<FourBizClient.Occurrence> meant = occurrences
                            .subList(conversation.occurrencesSeen(), occurrences.size()).stream()
                            .filter(o -> o.numberOrigin() == null && bridge.answers().categories().contains(o.category())
                                    && (!o.description().isBlank() || !o.attachments().isEmpty()))
                            .toList();
                    // the files the attendant attached go as links the provider fetches once (MediaLinks)
                    return Multi.createFrom().iterable(meant)
                            .onItem().transformToUniAndConcatenate(o -> links.links(conversation, o)
                                    .map(files -> answer(conversation, o.id(), withTooBig(o.description(), files, ticket),
                                            files.urls())))
                            .collect().asList()
                            .chain(answers -> send(conversation, answers))
                            .chain(() -> store.occurrencesSeen(conversation.key(), ticket, occurrences.size()));
                })
                .chain(() -> fourBiz.ticket(ticket))
                .chain(current -> Conversation.isClosedStatus(current.statusCode())
                        ? closed(conversation, current.statusCode())
                        : Uni.createFrom().voidItem());
    }

    /**
     * The notice of a resolved or closed ticket; after a resolved one, the satisfaction question (its own message, so
     * that outside WhatsApp's window it goes out as the interaction's {@code CSAT_QUESTION} template) when
     * {@code bridge.csat.enabled}, and a rating is expected for {@code bridge.csat.answer-within}.
     */
    private Uni<Void> closed(Conversation conversation, String status) {
        boolean askRating = RESOLVED.equals(status) && bridge.csat().enabled() && !conversation.optedOut();
        String template = switch (status) {
            case RESOLVED -> bridge.texts().resolved();
            case "Fechada" -> bridge.texts().closed();
            default -> null; // a cancelled ticket gets no notice
        };
        // the notice's template variables carry the status the ticket has now
        conversation.ticketStatus = status;
        List<OutboundMessage> notice = new ArrayList<>();
        if (template != null) {
            notice.add(Turn.outbound(conversation,
                    OriginKeys.notice(conversation.interactionId(), conversation.ticketNumber()),
                    Purpose.TICKET_NOTICE, template.replace("{ticket}", conversation.ticketNumber()), null,
                    conversation.correlationId()));
        }
        if (askRating) {
            notice.add(Turn.outbound(conversation,
                    OriginKeys.csatQuestion(conversation.interactionId(), conversation.ticketNumber()),
                    Purpose.CSAT_QUESTION, bridge.texts().csatQuestion().replace("{ticket}",
                            conversation.ticketNumber()),
                    null, conversation.correlationId()));
        }
        Log.infof("ticket %s is %s, conversation ends interaction=%s", conversation.ticketNumber(), status,
                conversation.interactionId());
        Instant csatUntil = askRating ? Instant.now().plus(bridge.csat().answerWithin()) : null;
        return send(conversation, notice)
                .chain(() -> store.ticketClosed(conversation.key(), conversation.ticketNumber(), status, csatUntil));
    }

    /**
     * An answer pushed by 4biz (or an integration): sent to the ticket's requester on the conversation's channel.
     *
     * @param id the follow-up's id in 4biz: the same answer pushed twice, or pushed and polled, is sent once
     */
    public Uni<UUID> push(String ticketNumber, String id, String text, List<String> mediaUrls) {
        return store.findByTicket(ticketNumber).chain(conversation -> {
            if (conversation == null) {
                return Uni.createFrom().failure(new UnknownTicket(ticketNumber));
            }
            if (conversation.optedOut()) {
                return Uni.createFrom().failure(new OptedOut(ticketNumber));
            }
            OutboundMessage answer = answer(conversation, id, text, mediaUrls);
            return send(conversation, List.of(answer)).replaceWith(answer.eventId());
        });
    }

    /** The answer's text, naming the files too big to send (they stay on the ticket). */
    private static String withTooBig(String text, MediaLinks.Links files, String ticket) {
        StringBuilder said = new StringBuilder(text);
        if (!files.tooBig().isEmpty()) {
            said.append(said.isEmpty() ? "" : "\n").append('(').append(String.join(", ", files.tooBig()))
                    .append(files.tooBig().size() == 1 ? " é grande demais" : " são grandes demais")
                    .append(" para enviar por aqui; veja no chamado nº ").append(ticket).append(')');
        }
        if (!files.unreadable().isEmpty()) {
            said.append(said.isEmpty() ? "" : "\n").append('(')
                    .append(files.unreadable().size() == 1 ? "arquivo anexado: " : "arquivos anexados: ")
                    .append(String.join(", ", files.unreadable())).append("; veja no chamado nº ").append(ticket)
                    .append(')');
        }
        return said.toString();
    }

    private static OutboundMessage answer(Conversation conversation, String occurrenceId, String text,
            List<String> mediaUrls) {
        return Turn.outbound(conversation,
                OriginKeys.answer(conversation.interactionId(), conversation.ticketNumber(), occurrenceId),
                Purpose.ATTENDANT_ANSWER, text, mediaUrls, conversation.correlationId());
    }

    private Uni<Void> send(Conversation conversation, List<OutboundMessage> messages) {
        List<OutboundMessage> deliverable = Turn.deliverable(conversation, messages);
        if (deliverable.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return publisher.publishInOrder(deliverable)
                .chain(() -> sentMessages.record(Turn.sent(conversation, deliverable)))
                .invoke(() -> deliverable.stream().filter(m -> m.purpose() == Purpose.ATTENDANT_ANSWER)
                        .forEach(m -> metrics.answerSent(conversation.interactionId())));
    }
}
