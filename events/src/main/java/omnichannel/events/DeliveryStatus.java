package omnichannel.events;

import java.time.Instant;
import java.util.UUID;

/**
 * What became of an outbound message: a send result of a channel service or a provider's status callback.
 *
 * @param outboundEventId the {@link OutboundMessage#eventId()} it reports on, when known (null for a callback about a
 *        message we cannot match)
 * @param providerMessageId the provider's id of the sent message (Twilio {@code MessageSid}, X DM event id)
 * @param recipientId the person the message was for
 * @param errorCode the provider's error code, or our reason (e.g. {@code WINDOW_CLOSED}); null on success
 */
public record DeliveryStatus(
        UUID eventId,
        int schemaVersion,
        Instant occurredAt,
        String interactionId,
        Channel channel,
        String correlationId,
        UUID outboundEventId,
        String providerMessageId,
        String recipientId,
        State state,
        String errorCode,
        String errorMessage) implements Event {

    /** A message's state; ordered, so a late callback never moves a message backwards. */
    public enum State {

        QUEUED, SENDING, SENT, DELIVERED, READ,
        /** Terminal. */
        UNDELIVERED,
        /** Terminal. */
        FAILED;

        public boolean isFailure() {
            return this == UNDELIVERED || this == FAILED;
        }
    }

    public DeliveryStatus {
        Required.field(eventId, "eventId");
        Required.version(schemaVersion);
        Required.field(occurredAt, "occurredAt");
        Required.text(interactionId, "interactionId");
        Required.field(channel, "channel");
        Required.text(correlationId, "correlationId");
        Required.text(recipientId, "recipientId");
        Required.field(state, "state");
    }

    /** The Kafka key: the conversation the message belongs to. */
    public String conversationKey() {
        return ConversationKey.of(interactionId, recipientId);
    }
}
