package omnichannel.events;

/**
 * The Kafka key of every conversation event: {@code <interactionId>:<sender id>}. All messages of one person on one
 * interaction share a partition, so they are processed in order.
 */
public final class ConversationKey {

    private ConversationKey() {
    }

    public static String of(String interactionId, String senderId) {
        return Required.text(interactionId, "interactionId") + ":" + Required.text(senderId, "senderId");
    }

    /** Whether {@code key} is a conversation of {@code interactionId} (false for null or another shape). */
    public static boolean isOf(String key, String interactionId) {
        return key != null && key.startsWith(interactionId + ":");
    }
}
