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
}
