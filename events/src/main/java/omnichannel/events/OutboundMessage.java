package omnichannel.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A message to a person, for the channel service of {@link #channel()} to send.
 *
 * @param eventId deterministic (derived from what caused it), so a re-published message is recognised as the same
 * @param purpose why it is sent; lets the channel pick a template when a free-form text is not allowed
 * @param recipient who receives it
 * @param text the text to send (may be empty when only media are sent)
 * @param mediaUrls public URLs of media to attach
 * @param ticketNumber the 4biz ticket the message is about, when there is one
 * @param lastInboundAt when the person last wrote to us (WhatsApp's 24-hour window is counted from it)
 * @param templateVariables values for an approved template, when the channel must use one
 */
public record OutboundMessage(
        UUID eventId,
        int schemaVersion,
        Instant occurredAt,
        String interactionId,
        Channel channel,
        String correlationId,
        Purpose purpose,
        Participant recipient,
        String text,
        List<String> mediaUrls,
        String ticketNumber,
        Instant lastInboundAt,
        Map<String, String> templateVariables) implements Event {

    /** Why a message is sent. */
    public enum Purpose {
        /** Acknowledges a new ticket. */
        TICKET_ACKNOWLEDGEMENT,
        /** An attendant's answer. */
        ATTENDANT_ANSWER,
        /** The ticket was resolved or closed. */
        TICKET_NOTICE,
        /** The Helper bot's answer. */
        HELPER_ANSWER,
        /** Confirms an opt-out or opt-in. */
        OPT_OUT_CONFIRMATION,
        /** Asks the person to rate the service after a resolution (1 to 5). */
        CSAT_QUESTION,
        /** An attendant starts the conversation about a ticket (usually outside WhatsApp's window: a template). */
        AGENT_CONTACT
    }

    public OutboundMessage {
        Required.field(eventId, "eventId");
        Required.version(schemaVersion);
        Required.field(occurredAt, "occurredAt");
        Required.text(interactionId, "interactionId");
        Required.field(channel, "channel");
        Required.text(correlationId, "correlationId");
        Required.field(purpose, "purpose");
        Required.field(recipient, "recipient");
        text = text == null ? "" : text;
        mediaUrls = mediaUrls == null ? List.of() : List.copyOf(mediaUrls);
        templateVariables = templateVariables == null ? Map.of() : Map.copyOf(templateVariables);
        if (text.isEmpty() && mediaUrls.isEmpty()) {
            throw new IllegalArgumentException("an outbound message needs 'text' or 'mediaUrls'");
        }
    }

    /** The Kafka key: the conversation the message belongs to. */
    public String conversationKey() {
        return ConversationKey.of(interactionId, recipient.id());
    }
}
