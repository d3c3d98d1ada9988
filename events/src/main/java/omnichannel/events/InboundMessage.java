package omnichannel.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A message a person sent to one of our channel accounts, normalised, with every raw provider parameter kept for
 * audit.
 *
 * @param providerMessageId Twilio {@code MessageSid} or X DM event id: the idempotency key of everything the message
 *        causes
 * @param recipientId our account on the channel (our WhatsApp number, the X user id)
 * @param receivedAt when the gateway received it (end-to-end latency starts here)
 * @param quotedMessageId the message this one replies to, when the person quoted one
 * @param raw every parameter as the provider sent it, repeated names included
 */
public record InboundMessage(
        UUID eventId,
        int schemaVersion,
        Instant occurredAt,
        String interactionId,
        Channel channel,
        String correlationId,
        String providerMessageId,
        Participant sender,
        String recipientId,
        String text,
        List<Attachment> attachments,
        Location location,
        QuickReply quickReply,
        String quotedMessageId,
        boolean forwarded,
        boolean frequentlyForwarded,
        Instant receivedAt,
        Map<String, List<String>> raw) implements Event {

    public InboundMessage {
        Required.field(eventId, "eventId");
        Required.version(schemaVersion);
        Required.field(occurredAt, "occurredAt");
        Required.text(interactionId, "interactionId");
        Required.field(channel, "channel");
        Required.text(correlationId, "correlationId");
        Required.text(providerMessageId, "providerMessageId");
        Required.field(sender, "sender");
        Required.field(receivedAt, "receivedAt");
        text = text == null ? "" : StorableText.of(text);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        raw = raw == null ? Map.of() : Map.copyOf(raw);
    }

    /** The Kafka key: one partition per person and interaction. */
    public String conversationKey() {
        return ConversationKey.of(interactionId, sender.id());
    }
}
