package omnichannel.events;

import java.time.Instant;
import java.util.UUID;

/**
 * What became of one of our outbound messages: a channel service's result (platform's {@code SendOnce}) on
 * {@code omnichannel.delivery.v1}, read by the bridge alone. Twilio's raw callbacks are {@link TwilioStatusCallback}s.
 *
 * @param outboundEventId the {@link OutboundMessage#eventId()} it reports on
 * @param providerMessageId the provider's id of the sent message (Twilio {@code MessageSid}, X DM event id)
 * @param recipientId the person the message was for
 * @param errorCode the provider's error code, or our reason (e.g. {@code WINDOW_CLOSED}); null on success
 * @param sentAs how an accepted message went out when the channel has several ways: {@code TEMPLATE} when WhatsApp's
 *        closed window made channel-whatsapp send the approved template instead of the text; {@code TEXT}; else null
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
        String errorMessage,
        String sentAs) implements Event {

    /**
     * {@link #errorCode()} of a WhatsApp message that was not sent because the person's 24-hour window was closed and
     * the interaction has no approved template (our code, not Twilio's).
     */
    public static final String WINDOW_CLOSED = "WINDOW_CLOSED";

    /** {@link #sentAs()} of a message that went out as the interaction's approved template instead of its text. */
    public static final String SENT_AS_TEMPLATE = "TEMPLATE";

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
        Required.field(outboundEventId, "outboundEventId");
        Required.text(recipientId, "recipientId");
        Required.field(state, "state");
    }

    /** The Kafka key: the conversation the message belongs to. */
    public String conversationKey() {
        return ConversationKey.of(interactionId, recipientId);
    }
}
