package omnichannel.bridge.service;

import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

import omnichannel.bridge.Conversation;
import omnichannel.bridge.client.FourBizException;
import omnichannel.bridge.config.BridgeConfig;
import omnichannel.bridge.repository.ConversationStore;
import omnichannel.bridge.repository.ConversationStore.Outcome;
import omnichannel.events.InboundMessage;
import omnichannel.events.OutboundMessage;
import omnichannel.events.OutboundMessage.Purpose;
import omnichannel.platform.interactions.InteractionDirectory;
import omnichannel.platform.interactions.InternalInteraction;
import omnichannel.platform.messaging.KeyedPublisher;
import omnichannel.platform.messaging.PermanentFailure;

/**
 * What one inbound message does: a follow-up on the person's open ticket, a turn with the Helper bot, or a new
 * ticket, with the message's files attached to that ticket; an opt-out or opt-in keyword also changes what the
 * person receives.
 * <p>
 * Exactly-once effects: a message already handled is skipped (PostgreSQL); one whose handling was interrupted is
 * handled again from the same stored state, so it takes the same decision and repeats the same 4biz writes with the
 * same {@code numberOrigin}, which 4biz recognises, and republishes the same outbound ids, which the channel
 * services recognise. The conversation is stored only after 4biz and Kafka have everything.
 */
@ApplicationScoped
public class ConversationService {

    enum Keyword {
        NONE, OPT_OUT, OPT_IN
    }

    private final InteractionDirectory config;
    private final ConversationStore store;
    private final TicketService tickets;
    private final HelperConversation helper;
    private final HeldAnswers held;
    private final Satisfaction satisfaction;
    private final InboundMedia media;
    private final KeyedPublisher<OutboundMessage> publisher;
    private final BridgeConfig bridge;
    private final BridgeMetrics metrics;

    public ConversationService(InteractionDirectory config, ConversationStore store, TicketService tickets,
            HelperConversation helper, HeldAnswers held, Satisfaction satisfaction, InboundMedia media,
            KeyedPublisher<OutboundMessage> publisher, BridgeConfig bridge, BridgeMetrics metrics) {
        this.config = config;
        this.store = store;
        this.tickets = tickets;
        this.helper = helper;
        this.held = held;
        this.satisfaction = satisfaction;
        this.media = media;
        this.publisher = publisher;
        this.bridge = bridge;
        this.metrics = metrics;
    }

    /**
     * Every step can be repeated safely, so the ordered consumer retries the whole on a transient failure (timeouts,
     * 5xx, 4biz's INTERNAL errors, a concurrent change of the conversation) for as long as it lasts; a permanent one
     * ({@link PermanentFailure}: 4biz refusing the data, an interaction that is gone) dead-letters this message alone.
     */
    public Uni<Void> handle(InboundMessage message) {
        return store.load(message.interactionId(), message.providerMessageId(), message.conversationKey())
                .chain(loaded -> {
                    if (loaded.handled()) {
                        Log.infof("message already handled, skipped interaction=%s correlationId=%s",
                                message.interactionId(), message.correlationId());
                        // a crash after storing the message may have come before its held answers went out
                        return loaded.conversation() == null
                                ? Uni.createFrom().voidItem()
                                : held.release(loaded.conversation());
                    }
                    return process(message, loaded.conversation());
                })
                .onFailure(FourBizException.class).transform(ConversationService::classify)
                .onFailure(e -> !(e instanceof PermanentFailure))
                .invoke(e -> metrics.retry(message.interactionId()));
    }

    private Uni<Void> process(InboundMessage message, Conversation stored) {
        return interaction(message.interactionId())
                .chain(interaction -> {
                    metrics.messageIn(interaction.id());
                    if (!interaction.attendedAt(message.receivedAt())) {
                        metrics.outOfHours(interaction.id());
                    }
                    Conversation conversation = stored != null ? stored : Conversation.startedBy(message);
                    conversation.received(message);
                    Turn turn = new Turn(message, conversation);
                    Keyword keyword = keyword(message.text());
                    if (keyword == Keyword.OPT_OUT) {
                        conversation.optOut(true);
                        turn.reply(Purpose.OPT_OUT_CONFIRMATION, bridge.texts().optedOut(), null);
                    } else if (keyword == Keyword.OPT_IN) {
                        conversation.optOut(false);
                        turn.reply(Purpose.OPT_OUT_CONFIRMATION, bridge.texts().optedIn(), null);
                    }
                    Uni<Outcome> effect;
                    Integer rating = keyword == Keyword.NONE && conversation.awaitsRating(message.receivedAt())
                            ? rating(message.text())
                            : null;
                    if (rating != null) {
                        effect = satisfaction.record(interaction, conversation, turn, rating).replaceWith(Outcome.RATING);
                    } else if (conversation.hasOpenTicket()) {
                        effect = followUpOrNewTicket(interaction, conversation, turn);
                    } else if (interaction.helperInterception()) {
                        // a keyword is about our messages, not a question for the bot
                        effect = (keyword == Keyword.NONE
                                ? helper.handle(interaction, conversation, turn)
                                : Uni.createFrom().voidItem()).replaceWith(Outcome.HELPER);
                    } else {
                        effect = tickets.openTicket(interaction, conversation, turn,
                                TicketService.messageDescription(message, conversation)).replaceWith(Outcome.TICKET);
                    }
                    // the message's files go on the ticket it opened or followed (not into a rating or the bot)
                    Uni<Outcome> withFiles = effect.call(outcome -> conversation.hasOpenTicket()
                            && (outcome == Outcome.TICKET || outcome == Outcome.FOLLOW_UP)
                                    ? media.attach(interaction, conversation, message)
                                    : Uni.createFrom().voidItem());
                    // the person wrote: WhatsApp's window is open again, so the answers it held go out now
                    return withFiles.chain(outcome -> publisher.publishInOrder(turn.deliverable())
                            .chain(() -> store.commit(conversation, message.providerMessageId(),
                                    conversation.hasOpenTicket() && outcome == Outcome.HELPER ? Outcome.TICKET : outcome,
                                    Turn.sent(conversation, turn.deliverable()), bridge.answers().pollInterval())))
                            .chain(() -> held.release(conversation));
                });
    }

    /**
     * The message as a follow-up on the open ticket. When 4biz refuses it for good, the ticket is read again: closed
     * (or gone) since the last poll, the message opens a new ticket; still open, the message alone is dead-lettered
     * with the reason and the conversation goes on.
     */
    private Uni<Outcome> followUpOrNewTicket(InternalInteraction interaction, Conversation conversation, Turn turn) {
        InboundMessage message = turn.message();
        String number = conversation.ticketNumber();
        return tickets.followUp(interaction, conversation, message).replaceWith(Outcome.FOLLOW_UP)
                .onFailure(e -> e instanceof FourBizException f && f.isPermanent())
                .recoverWithUni(refusal -> tickets.currentStatus(number).chain(status -> {
                    if (status == null || Conversation.isClosedStatus(status)) {
                        Log.infof("ticket %s is %s: the message opens a new ticket interaction=%s correlationId=%s",
                                number, status == null ? "gone" : status, interaction.id(), message.correlationId());
                        conversation.ticketClosed(status);
                        return tickets.openTicket(interaction, conversation, turn,
                                TicketService.messageDescription(message, conversation)).replaceWith(Outcome.TICKET);
                    }
                    return Uni.createFrom().failure(new PermanentFailure("4biz refused the follow-up on ticket " + number
                            + " (" + status + "): " + refusal.getMessage(), refusal));
                }));
    }

    private Uni<InternalInteraction> interaction(String id) {
        return config.interaction(id)
                .onItem().ifNull().failWith(() -> new PermanentFailure("interaction " + id + " no longer exists"));
    }

    /** The person's answer to the satisfaction question: one digit 1 to 5, alone; else null. */
    static Integer rating(String text) {
        String answer = text.strip();
        return answer.length() == 1 && answer.charAt(0) >= '1' && answer.charAt(0) <= '5' ? answer.charAt(0) - '0' : null;
    }

    private Keyword keyword(String text) {
        return keyword(text, bridge.keywords().optOut(), bridge.keywords().optIn());
    }

    /** The keyword a message is: the whole text (trimmed, any case) equal to one of the words; else NONE. */
    static Keyword keyword(String text, List<String> optOut, List<String> optIn) {
        String word = text.trim().toUpperCase(Locale.ROOT);
        if (word.isEmpty() || word.length() > 20) {
            return Keyword.NONE;
        }
        if (optOut.stream().anyMatch(k -> k.trim().equalsIgnoreCase(word))) {
            return Keyword.OPT_OUT;
        }
        if (optIn.stream().anyMatch(k -> k.trim().equalsIgnoreCase(word))) {
            return Keyword.OPT_IN;
        }
        return Keyword.NONE;
    }

    private static Throwable classify(Throwable failure) {
        FourBizException e = (FourBizException) failure;
        return e.isPermanent() ? new PermanentFailure(e.getMessage(), e) : e;
    }
}
