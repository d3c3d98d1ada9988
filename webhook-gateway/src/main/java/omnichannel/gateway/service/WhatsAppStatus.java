package omnichannel.gateway.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import omnichannel.events.Channel;
import omnichannel.events.DeliveryStatus;
import omnichannel.events.Event;
import omnichannel.events.TwilioStatusCallback;
import omnichannel.gateway.rest.BadRequest;

/** Turns a Twilio status callback (providers.md §2) into a {@link TwilioStatusCallback}. */
public final class WhatsAppStatus {

    private WhatsAppStatus() {
    }

    /**
     * @throws BadRequest when MessageSid, MessageStatus or the recipient is missing or malformed, or the status is unknown
     */
    public static TwilioStatusCallback normalise(String interactionId, Map<String, List<String>> params, Instant receivedAt) {
        String sid = required(params, "MessageSid");
        String status = required(params, "MessageStatus");
        String to = first(params, "To");
        if (to == null) {
            to = first(params, "ChannelToAddress");
        }
        if (to == null || to.isBlank()) {
            throw new BadRequest("To is required");
        }
        // the person we wrote to: a WhatsApp phone number or business-scoped id, like an inbound sender
        String recipient = SenderIds.sender(to);
        if (recipient == null) {
            throw new BadRequest("To is not a WhatsApp address of a person");
        }
        DeliveryStatus.State state = state(status);
        String errorCode = first(params, "ErrorCode");
        // Callbacks repeat; the same sid and status is the same event.
        UUID eventId = UUID.nameUUIDFromBytes(("status:" + interactionId + ":" + sid + ":" + status)
                .getBytes(StandardCharsets.UTF_8));
        return new TwilioStatusCallback(eventId, Event.SCHEMA_VERSION, receivedAt, interactionId,
                Channel.WHATSAPP_TWILIO, sid, sid, recipient, state,
                errorCode == null || errorCode.isBlank() ? null : errorCode,
                first(params, "ErrorMessage"));
    }

    static DeliveryStatus.State state(String status) {
        return switch (status.toLowerCase(Locale.ROOT)) {
            case "accepted", "scheduled", "queued" -> DeliveryStatus.State.QUEUED;
            case "sending" -> DeliveryStatus.State.SENDING;
            case "sent" -> DeliveryStatus.State.SENT;
            case "delivered" -> DeliveryStatus.State.DELIVERED;
            case "read" -> DeliveryStatus.State.READ;
            case "undelivered" -> DeliveryStatus.State.UNDELIVERED;
            case "failed", "canceled" -> DeliveryStatus.State.FAILED;
            default -> throw new BadRequest("unknown MessageStatus " + status);
        };
    }

    private static String required(Map<String, List<String>> params, String name) {
        String value = first(params, name);
        if (value == null || value.isBlank()) {
            throw new BadRequest(name + " is required");
        }
        return value;
    }

    private static String first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
