package omnichannel.events;

import java.time.Instant;
import java.util.UUID;

import omnichannel.events.DeliveryStatus.State;

/**
 * Twilio's status callback for a message we sent, as the gateway received it, on {@code omnichannel.whatsapp.status.v1}
 * (a topic channel-whatsapp owns). It names Twilio's message, not ours: only channel-whatsapp can match it to the
 * event it sent, and publishes a {@link DeliveryStatus} result when there is one to report. The field names are
 * {@link DeliveryStatus}'s, which this topic carried before.
 *
 * @param correlationId Twilio's {@code MessageSid}, as on every log line of that message
 * @param providerMessageId Twilio's {@code MessageSid}
 * @param recipientId the person the message was for
 * @param errorCode Twilio's {@code ErrorCode}, null when none
 */
public record TwilioStatusCallback(
        UUID eventId,
        int schemaVersion,
        Instant occurredAt,
        String interactionId,
        Channel channel,
        String correlationId,
        String providerMessageId,
        String recipientId,
        State state,
        String errorCode,
        String errorMessage) implements Event {

    public TwilioStatusCallback {
        Required.field(eventId, "eventId");
        Required.version(schemaVersion);
        Required.field(occurredAt, "occurredAt");
        Required.text(interactionId, "interactionId");
        Required.field(channel, "channel");
        Required.text(correlationId, "correlationId");
        Required.text(providerMessageId, "providerMessageId");
        Required.text(recipientId, "recipientId");
        Required.field(state, "state");
    }

    /** The Kafka key: the conversation the message belongs to. */
    public String conversationKey() {
        return ConversationKey.of(interactionId, recipientId);
    }
}
