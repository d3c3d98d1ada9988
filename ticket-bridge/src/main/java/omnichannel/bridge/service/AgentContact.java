package omnichannel.bridge.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

import omnichannel.bridge.Conversation;
import omnichannel.bridge.client.FourBizClient;
import omnichannel.bridge.config.BridgeConfig;
import omnichannel.bridge.repository.ConversationStore;
import omnichannel.events.ConversationKey;
import omnichannel.events.OutboundMessage;
import omnichannel.events.OutboundMessage.Purpose;
import omnichannel.platform.interactions.InteractionDirectory;
import omnichannel.platform.interactions.InternalInteraction;
import omnichannel.platform.messaging.KeyedPublisher;
import omnichannel.platform.rest.ProblemException;

/**
 * An attendant starts the conversation about a ticket: the person's conversation on the chosen interaction (the one
 * that has the ticket, or the person's, created when new) follows the ticket, and the contact message goes out; outside
 * WhatsApp's window, or with no message from the person yet, channel-whatsapp sends the interaction's contact template.
 * The person's answer then becomes a follow-up of the ticket, and the attendants' answers reach them as usual.
 */
@ApplicationScoped
public class AgentContact {

    private final InteractionDirectory interactions;
    private final ConversationStore store;
    private final FourBizClient fourBiz;
    private final KeyedPublisher<OutboundMessage> publisher;
    private final BridgeConfig bridge;

    public AgentContact(InteractionDirectory interactions, ConversationStore store, FourBizClient fourBiz,
            KeyedPublisher<OutboundMessage> publisher, BridgeConfig bridge) {
        this.interactions = interactions;
        this.store = store;
        this.fourBiz = fourBiz;
        this.publisher = publisher;
        this.bridge = bridge;
    }

    /** The request cannot be carried out as asked; the detail says why. */
    public static class Refused extends ProblemException {

        Refused(int status, String title, String detail) {
            super(status, title, detail);
        }
    }

    /**
     * @param requestId the idempotency key: the same id for the same ticket and interaction is one message
     * @param recipientId the person (E.164 number, X user id); null to use the conversation that has the ticket
     * @param text the message inside WhatsApp's window (and on X); null for the default
     */
    public Uni<UUID> contact(String ticketNumber, String requestId, String interactionId, String recipientId,
            String text) {
        return interactions.interaction(interactionId).chain(interaction -> {
            if (interaction == null || !interaction.active()) {
                return Uni.createFrom().failure(new Refused(404, "Not found", "no active interaction " + interactionId));
            }
            Uni<Conversation> found = recipientId != null
                    ? store.conversation(ConversationKey.of(interactionId, recipientId))
                    : store.findByTicket(ticketNumber).map(c -> c != null && c.interactionId().equals(interactionId)
                            ? c
                            : null);
            return found.chain(conversation -> {
                if (conversation == null && recipientId == null) {
                    return Uni.createFrom().failure(new Refused(400, "Invalid request", "'recipientId' is required: no "
                            + "conversation of interaction " + interactionId + " has ticket " + ticketNumber));
                }
                Conversation target = conversation != null
                        ? conversation
                        : new Conversation(ConversationKey.of(interactionId, recipientId), interactionId,
                                interaction.channel(), recipientId);
                return contact(interaction, target, ticketNumber, requestId, text);
            });
        });
    }

    private Uni<UUID> contact(InternalInteraction interaction, Conversation conversation, String ticketNumber,
            String requestId, String text) {
        if (conversation.optedOut()) {
            return Uni.createFrom().failure(new Refused(409, "Conflict",
                    "the person opted out of messages on interaction " + interaction.id()));
        }
        if (conversation.hasOpenTicket() && !ticketNumber.equals(conversation.ticketNumber())) {
            return Uni.createFrom().failure(new Refused(409, "Conflict", "the person's ticket "
                    + conversation.ticketNumber() + " is open on interaction " + interaction.id()));
        }
        Uni<Void> follow = Uni.createFrom().voidItem();
        if (!conversation.hasOpenTicket()) {
            conversation.ticketNumber = ticketNumber;
            conversation.correlationId = "contact-" + ticketNumber;
            // the poller starts after the follow-ups the ticket has already: they are not answers to send now
            follow = fourBiz.occurrences(ticketNumber)
                    .chain(existing -> store.followForContact(conversation, existing.size(),
                            bridge.answers().pollInterval()));
        }
        UUID id = OriginKeys.contact(interaction.id(), ticketNumber, requestId);
        String body = text != null ? text : bridge.texts().contact().replace("{ticket}", ticketNumber);
        OutboundMessage message = Turn.outbound(conversation, id, Purpose.AGENT_CONTACT, body, null,
                conversation.correlationId(), ticketNumber);
        // no message from the person yet: WhatsApp's window is closed, so the contact template goes out
        OutboundMessage withWindow = conversation.lastInboundAt() != null
                ? message
                : new OutboundMessage(message.eventId(), message.schemaVersion(), message.occurredAt(),
                        message.interactionId(), message.channel(), message.correlationId(), message.purpose(),
                        message.recipient(), message.text(), message.mediaUrls(), message.ticketNumber(), Instant.EPOCH,
                        message.templateVariables());
        return follow.chain(() -> publisher.publishInOrder(List.of(withWindow)))
                .chain(() -> store.recordSent(Turn.sent(conversation, List.of(withWindow))))
                .invoke(() -> Log.infof("agent contact about ticket %s sent interaction=%s", ticketNumber,
                        interaction.id()))
                .replaceWith(id)
                .onFailure(ConversationStore.ConcurrentUpdate.class).transform(e -> new Refused(503,
                        "Service Unavailable", "the conversation changed meanwhile; send the same request again"));
    }
}
