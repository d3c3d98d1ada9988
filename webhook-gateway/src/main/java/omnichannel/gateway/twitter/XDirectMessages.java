package omnichannel.gateway.twitter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import omnichannel.events.Attachment;
import omnichannel.events.Channel;
import omnichannel.events.Event;
import omnichannel.events.InboundMessage;
import omnichannel.events.Participant;
import omnichannel.events.QuickReply;

/**
 * Turns an X webhook delivery into inbound messages (providers.md §5): each {@code message_create} in
 * {@code direct_message_events}, with the sender's name and screen name from {@code users}. Other event kinds
 * (typing, read receipts, tweets…) and the account's own messages are not messages from a person and give nothing.
 */
public final class XDirectMessages {

    private XDirectMessages() {
    }

    /** The delivery's envelope: the Account Activity API's own, or the X Activity API's {@code data.payload}. */
    static JsonNode payload(JsonNode root) {
        JsonNode activity = root.path("data").path("payload");
        return activity.isObject() ? activity : root;
    }

    /**
     * @param accountUserId the interaction's X user id, used when the delivery does not say whose account it is for
     * @throws InvalidEvent when an event lacks what makes it a message (id, sender)
     */
    public static List<InboundMessage> normalise(String interactionId, String accountUserId, JsonNode root,
            Instant receivedAt) {
        if (!root.isObject()) {
            throw new InvalidEvent("the body is not a JSON object");
        }
        JsonNode payload = payload(root);
        String forUser = text(payload, "for_user_id");
        if (forUser == null) {
            forUser = text(root.path("data").path("filter"), "user_id");
        }
        if (forUser == null) {
            forUser = accountUserId;
        }
        JsonNode events = payload.path("direct_message_events");
        if (!events.isArray()) {
            return List.of();
        }
        List<InboundMessage> messages = new ArrayList<>();
        for (JsonNode event : events) {
            if (!"message_create".equals(text(event, "type"))) {
                continue;
            }
            JsonNode create = event.path("message_create");
            String id = text(event, "id");
            String sender = text(create, "sender_id");
            if (id == null || sender == null) {
                throw new InvalidEvent("a message_create event lacks 'id' or 'message_create.sender_id'");
            }
            if (sender.equals(forUser)) {
                continue; // our own send, echoed back
            }
            messages.add(message(interactionId, event, create, id, sender, payload.path("users").path(sender),
                    receivedAt));
        }
        return messages;
    }

    private static InboundMessage message(String interactionId, JsonNode event, JsonNode create, String id,
            String sender, JsonNode user, Instant receivedAt) {
        JsonNode data = create.path("message_data");
        List<Attachment> attachments = new ArrayList<>();
        JsonNode media = data.path("attachment").path("media");
        if (media.isObject()) {
            String url = text(media, "media_url_https") != null ? text(media, "media_url_https") : text(media, "media_url");
            if (url != null) {
                attachments.add(new Attachment(url, mediaType(text(media, "type"))));
            }
        }
        QuickReply quickReply = null;
        JsonNode quick = data.path("quick_reply_response");
        if (quick.isObject()) {
            quickReply = new QuickReply(text(data, "text"), text(quick, "metadata"));
        }
        Instant occurredAt = receivedAt;
        String created = text(event, "created_timestamp");
        if (created != null && created.matches("\\d{1,15}")) {
            occurredAt = Instant.ofEpochMilli(Long.parseLong(created));
        }
        return new InboundMessage(UUID.randomUUID(), Event.SCHEMA_VERSION, occurredAt, interactionId, Channel.TWITTER_DM,
                id, id, new Participant(sender, text(user, "name"), text(user, "screen_name"), null),
                text(create.path("target"), "recipient_id"), text(data, "text"), attachments, null, quickReply, null,
                false, false, receivedAt, Map.of("event", List.of(event.toString())));
    }

    private static String mediaType(String type) {
        if (type == null) {
            return null;
        }
        return switch (type) {
            case "photo" -> "image/jpeg";
            case "animated_gif" -> "image/gif";
            case "video" -> "video/mp4";
            default -> null;
        };
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }

    /** The delivery is JSON but not a usable X event. */
    public static class InvalidEvent extends RuntimeException {

        public InvalidEvent(String message) {
            super(message);
        }
    }
}
