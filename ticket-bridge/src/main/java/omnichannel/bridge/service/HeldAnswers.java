package omnichannel.bridge.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import omnichannel.bridge.Conversation;
import omnichannel.bridge.repository.ConversationStore;
import omnichannel.bridge.repository.SentMessageStore;
import omnichannel.bridge.repository.SentMessageStore.SentRecord;
import omnichannel.events.DeliveryStatus;
import omnichannel.events.OutboundMessage;
import omnichannel.events.OutboundMessage.Purpose;
import omnichannel.platform.messaging.KeyedPublisher;

/**
 * Attendants' answers that WhatsApp's 24-hour window kept from the person (channel-whatsapp sent the approved template
 * instead, or nothing): held in order, the attendant told on the ticket, and sent again as new messages, before
 * anything answered later, when the person writes again. The hold and the person's message race; each side looks at
 * the other after writing its own mark, and the release's derived id makes a double release one message.
 */
@ApplicationScoped
public class HeldAnswers {

    /** WhatsApp's customer-service window. */
    static final Duration WINDOW = Duration.ofHours(24);

    static final String HELD_NOTE = "Resposta retida: a janela de 24 horas do WhatsApp está fechada e a interação não "
            + "tem modelo aprovado. Ela será enviada ao solicitante assim que ele escrever de novo.";
    static final String TEMPLATE_NOTE = "A janela de 24 horas do WhatsApp está fechada: o solicitante recebeu o modelo "
            + "aprovado no lugar desta resposta. O texto completo será enviado assim que ele responder.";
    static final String RELEASED_NOTE = "Resposta retida enviada ao solicitante, depois que ele voltou a escrever.";

    private final SentMessageStore store;
    private final ConversationStore conversations;
    private final TicketService tickets;
    private final KeyedPublisher<OutboundMessage> publisher;
    private final BridgeMetrics metrics;
    private final MediaLinks links;

    public HeldAnswers(SentMessageStore store, ConversationStore conversations, TicketService tickets,
            KeyedPublisher<OutboundMessage> publisher,
            BridgeMetrics metrics, MediaLinks links) {
        this.links = links;
        this.store = store;
        this.conversations = conversations;
        this.tickets = tickets;
        this.publisher = publisher;
        this.metrics = metrics;
    }

    /** Whether this result means the answer's text did not reach the person because of the window. */
    static boolean isHeldBy(DeliveryStatus status, SentRecord sent) {
        if (!Purpose.ATTENDANT_ANSWER.name().equals(sent.purpose()) || sent.releaseOf() != null || sent.held()) {
            return false;
        }
        return status.state().isFailure()
                ? DeliveryStatus.WINDOW_CLOSED.equals(status.errorCode())
                : DeliveryStatus.SENT_AS_TEMPLATE.equals(status.sentAs());
    }

    /** Holds the answer and tells the attendant; sends it at once if the person wrote since it was published. */
    Uni<Void> hold(DeliveryStatus status, SentRecord sent) {
        String note = status.state().isFailure() ? HELD_NOTE : TEMPLATE_NOTE;
        return tickets.note(status.interactionId(), sent.ticketNumber(), OriginKeys.held(sent.eventId()),
                note + "\n\nMensagem:\n" + sent.text())
                .chain(() -> store.hold(sent.eventId()))
                .invoke(() -> {
                    metrics.answerHeld(status.interactionId());
                    Log.infof("answer held for the window on ticket %s interaction=%s correlationId=%s",
                            sent.ticketNumber(), status.interactionId(), status.correlationId());
                })
                .chain(() -> conversations.conversation(sent.conversationKey()))
                .chain(conversation -> conversation != null && wroteSince(conversation, sent.createdAt())
                        ? release(conversation)
                        : Uni.createFrom().voidItem());
    }

    /** A held answer went out: the attendant is told, once. */
    Uni<Void> released(DeliveryStatus status, SentRecord release) {
        return tickets.note(status.interactionId(), release.ticketNumber(), OriginKeys.released(release.eventId()),
                RELEASED_NOTE + "\n\nMensagem:\n" + release.text())
                .chain(() -> store.releaseNoted(release.eventId()));
    }

    /**
     * Sends the conversation's held answers again, oldest first, unless the person opted out (then they wait for an
     * opt-in). Called after the person's message is stored, and again when that message is redelivered.
     */
    public Uni<Void> release(Conversation conversation) {
        if (conversation.optedOut()) {
            return Uni.createFrom().voidItem();
        }
        return store.held(conversation.key()).chain(held -> {
            if (held.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            // with its files, on fresh links (the first ones have expired by now, or went with the template)
            return Multi.createFrom().iterable(held)
                    .onItem().transformToUniAndConcatenate(answer -> {
                        UUID release = OriginKeys.release(answer.eventId());
                        return links.renewed(answer.mediaLinks(), release)
                                .map(urls -> Turn.outbound(conversation, release, Purpose.ATTENDANT_ANSWER, answer.text(),
                                        urls.isEmpty() ? null : urls, conversation.correlationId(), answer.ticketNumber()));
                    })
                    .collect().asList()
                    .chain(releases -> publish(conversation, held, releases));
        });
    }

    /** Publishes the releases in order, then records them and marks the held answers released in one statement. */
    private Uni<Void> publish(Conversation conversation, List<SentMessageStore.Held> held,
            List<OutboundMessage> releases) {
        return publisher.publishInOrder(releases)
                .chain(() -> store.released(conversation.key(), held,
                        releases.stream().map(OutboundMessage::eventId).toList()))
                .invoke(() -> {
                    releases.forEach(ignored -> metrics.heldAnswerReleased(conversation.interactionId()));
                    Log.infof("%d held answer(s) sent again interaction=%s correlationId=%s", releases.size(),
                            conversation.interactionId(), conversation.correlationId());
                });
    }

    private static boolean wroteSince(Conversation conversation, Instant published) {
        Instant last = conversation.lastInboundAt();
        return last != null && last.isAfter(published) && last.isAfter(Instant.now().minus(WINDOW));
    }
}
