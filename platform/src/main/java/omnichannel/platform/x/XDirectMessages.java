package omnichannel.platform.x;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import omnichannel.events.Attachment;
import omnichannel.events.Channel;
import omnichannel.events.Event;
import omnichannel.events.InboundMessage;
import omnichannel.events.Participant;
import omnichannel.events.QuickReply;
import omnichannel.platform.rest.ProblemException;

/**
 * X direct messages as inbound messages, in one place for both ways they reach us: a webhook delivery (providers.md
 * §5: each {@code message_create} in {@code direct_message_events}, names from {@code users}) and an event of
 * {@code GET /2/dm_events} (the poller). Other event kinds (typing, read receipts, tweets…) and the account's own
 * messages ({@link #isEcho}, the one echo filter) are not messages from a person and give nothing. X ids are numeric
 * snowflakes: a sender or event id that is not one is refused, never pasted into a URL or a requester.
 */
public final class XDirectMessages {

    private XDirectMessages() {
    }

    /** The delivery's envelope: the Account Activity API's own, or the X Activity API's {@code data.payload}. */
    public static JsonNode payload(JsonNode root) {
        JsonNode activity = root.path("data").path("payload");
        return activity.isObject() ? activity : root;
    }

    /** The account a delivery is for ({@code for_user_id}, or the Activity API's filter), or null when it does not say. */
    public static String forUser(JsonNode root) {
        String forUser = text(payload(root), "for_user_id");
        return forUser != null ? forUser : text(root.path("data").path("filter"), "user_id");
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
        String forUser = forUser(root);
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
            requireId(id, "id");
            requireId(sender, "message_create.sender_id");
            String recipient = text(create.path("target"), "recipient_id");
            if (recipient != null) {
                requireId(recipient, "message_create.target.recipient_id");
            }
            if (isEcho(sender, forUser)) {
                continue;
            }
            messages.add(message(interactionId, event, create, id, sender, user(payload.path("users").path(sender)),
                    receivedAt));
        }
        return messages;
    }

    /**
     * A sender's entry of {@code users}: the Account Activity API's user object, or the X Activity API's, whose fields
     * are under {@code data} and whose handle is {@code username} (x-api/activity/event-payloads), read as the former.
     */
    private static JsonNode user(JsonNode entry) {
        JsonNode data = entry.path("data");
        if (!data.isObject()) {
            return entry;
        }
        ObjectNode user = data.deepCopy();
        if (!user.hasNonNull("screen_name") && user.hasNonNull("username")) {
            user.set("screen_name", user.get("username"));
        }
        return user;
    }

    /** The X Activity API's event type ({@code data.event_type}), or null for an Account Activity delivery. */
    public static String activityEventType(JsonNode root) {
        return text(root.path("data"), "event_type");
    }

    /** The X Activity API's delivery id ({@code data.event_uuid}), or null. */
    public static String activityEventUuid(JsonNode root) {
        return text(root.path("data"), "event_uuid");
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
        try {
            return new InboundMessage(UUID.randomUUID(), Event.SCHEMA_VERSION, occurredAt, interactionId,
                    Channel.TWITTER_DM, id, id, new Participant(sender, text(user, "name"), text(user, "screen_name"), null),
                    text(create.path("target"), "recipient_id"), text(data, "text"), attachments, null, quickReply, null,
                    false, false, receivedAt, Map.of("event", List.of(event.toString())));
        } catch (IllegalArgumentException missing) {
            // a field every message has is absent (the event class names it): the event is not X's
            throw new InvalidEvent(missing.getMessage());
        }
    }

    /**
     * An event of {@code GET /2/dm_events} (fields {@code id}, {@code event_type}, {@code sender_id}, {@code text},
     * {@code created_at}), with the sender's user object from {@code includes.users} if any; empty when it is not a
     * message from a person (another event type, our own send).
     */
    public static Optional<InboundMessage> fromDmEvent(String interactionId, String accountUserId,
            JsonNode event, JsonNode user, Instant receivedAt) {
        String id = text(event, "id");
        String sender = text(event, "sender_id");
        String type = text(event, "event_type");
        if (type != null && !"MessageCreate".equals(type)) {
            return Optional.empty();
        }
        if (id == null || sender == null) {
            throw new InvalidEvent("a dm_event lacks 'id' or 'sender_id'");
        }
        requireId(id, "id");
        requireId(sender, "sender_id");
        if (isEcho(sender, accountUserId)) {
            return Optional.empty();
        }
        Instant occurredAt = receivedAt;
        try {
            String created = text(event, "created_at");
            occurredAt = created == null ? receivedAt : Instant.parse(created);
        } catch (RuntimeException e) {
            // keep the receive time
        }
        String text = text(event, "text");
        return Optional.of(new InboundMessage(UUID.randomUUID(), Event.SCHEMA_VERSION, occurredAt,
                interactionId, Channel.TWITTER_DM, id, id,
                new Participant(sender, text(user, "name"), text(user, "username"), null), accountUserId,
                text == null ? "" : text, List.of(), null, null, null, false, false, receivedAt,
                Map.of("event", List.of(event.toString()))));
    }

    /** Our own send, echoed back to us: the sender is the interaction's account. */
    public static boolean isEcho(String senderId, String accountUserId) {
        return senderId.equals(accountUserId);
    }

    /** Whether this is an X id: a snowflake of 1 to 20 digits. */
    public static boolean isXId(String id) {
        if (id == null || id.isEmpty() || id.length() > 20) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            if (id.charAt(i) < '0' || id.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static void requireId(String id, String field) {
        if (!isXId(id)) {
            throw new InvalidEvent("'" + field + "' is not an X id");
        }
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

    /** The delivery is JSON but not a usable X event: a 400 at the gateway, a skipped event for the poller. */
    public static class InvalidEvent extends ProblemException {

        public InvalidEvent(String message) {
            super(400, "Bad request", message);
        }
    }
}
