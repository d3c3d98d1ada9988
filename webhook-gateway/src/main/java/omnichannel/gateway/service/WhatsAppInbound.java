package omnichannel.gateway.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import omnichannel.events.Attachment;
import omnichannel.events.Channel;
import omnichannel.events.Event;
import omnichannel.events.InboundMessage;
import omnichannel.events.Location;
import omnichannel.events.Participant;
import omnichannel.events.QuickReply;
import omnichannel.gateway.rest.BadRequest;

/** Turns a Twilio WhatsApp webhook's parameters into an {@link InboundMessage}, keeping nothing back. */
public final class WhatsAppInbound {

    private static final int MAX_MEDIA = 10;
    private static final Pattern MEDIA_PARAM = Pattern.compile("Media(Url|ContentType)(\\d+)");

    private WhatsAppInbound() {
    }

    /**
     * @throws BadRequest when a required parameter is missing or the parameters contradict each other
     */
    public static InboundMessage normalise(String interactionId, Map<String, List<String>> params, Instant receivedAt) {
        String messageSid = required(params, "MessageSid");
        String from = required(params, "From");
        String senderId = SenderIds.sender(from);
        if (senderId == null) {
            throw new InvalidSender();
        }
        String phone = senderId.startsWith("+") ? senderId : null; // sender() gave E.164 or a business-scoped id
        Participant sender = new Participant(senderId, first(params, "ProfileName"), first(params, "WaId"), phone);
        String to = first(params, "To");

        QuickReply quickReply = first(params, "ButtonText") != null || first(params, "ButtonPayload") != null
                ? new QuickReply(first(params, "ButtonText"), first(params, "ButtonPayload"))
                : null;

        // Deterministic: the same webhook delivered twice is the same event.
        UUID eventId = UUID
                .nameUUIDFromBytes(("whatsapp:" + interactionId + ":" + messageSid).getBytes(StandardCharsets.UTF_8));
        return new InboundMessage(eventId, Event.SCHEMA_VERSION, receivedAt, interactionId, Channel.WHATSAPP_TWILIO,
                messageSid, messageSid, sender, to == null ? null : SenderIds.normalise(to), first(params, "Body"),
                media(params), location(params), quickReply, first(params, "OriginalRepliedMessageSid"),
                "true".equalsIgnoreCase(first(params, "Forwarded")),
                "true".equalsIgnoreCase(first(params, "FrequentlyForwarded")), receivedAt, params);
    }

    /** {@code From} is neither a phone number nor a WhatsApp user id: refused (400) and counted by the resource. */
    public static final class InvalidSender extends BadRequest {

        InvalidSender() {
            super("From must be whatsapp: followed by a phone number in international format or a WhatsApp user id");
        }
    }

    private static List<Attachment> media(Map<String, List<String>> params) {
        String declared = first(params, "NumMedia");
        int count;
        try {
            count = declared == null ? 0 : Integer.parseInt(declared);
        } catch (NumberFormatException e) {
            throw new BadRequest("NumMedia is not a number");
        }
        if (count < 0 || count > MAX_MEDIA) {
            throw new BadRequest("NumMedia must be between 0 and " + MAX_MEDIA);
        }
        for (String name : params.keySet()) {
            var matcher = MEDIA_PARAM.matcher(name);
            // an index of more than two digits is past any NumMedia (and may not fit an int)
            if (matcher.matches() && (matcher.group(2).length() > 2 || Integer.parseInt(matcher.group(2)) >= count)) {
                throw new BadRequest(name + " present but NumMedia is " + count);
            }
        }
        List<Attachment> attachments = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String url = first(params, "MediaUrl" + i);
            if (url == null || url.isBlank()) {
                throw new BadRequest("NumMedia is " + count + " but MediaUrl" + i + " is missing");
            }
            attachments.add(new Attachment(url, first(params, "MediaContentType" + i)));
        }
        return attachments;
    }

    private static Location location(Map<String, List<String>> params) {
        String latitude = first(params, "Latitude");
        String longitude = first(params, "Longitude");
        if (latitude == null && longitude == null) {
            return null;
        }
        try {
            double lat = Double.parseDouble(latitude);
            double lon = Double.parseDouble(longitude);
            if (!Double.isFinite(lat) || !Double.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
                throw new BadRequest("Latitude/Longitude out of range");
            }
            return new Location(lat, lon, first(params, "Address"), first(params, "Label"));
        } catch (NumberFormatException | NullPointerException e) {
            throw new BadRequest("Latitude and Longitude must both be decimal numbers");
        }
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
