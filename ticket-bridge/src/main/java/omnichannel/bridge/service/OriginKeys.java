package omnichannel.bridge.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Deterministic keys of everything the bridge causes, so that a redelivery, a retry or a crash after 4biz answered
 * produces the same key and 4biz (or the channel service) recognises the repeat.
 */
final class OriginKeys {

    private OriginKeys() {
    }

    /** The ticket's {@code numberOrigin}: "OCT-" + 128 bits of SHA-256(interaction, provider message id); 36 chars. */
    static String ticket(String interactionId, String providerMessageId) {
        return "OCT-" + digest(interactionId + "\n" + providerMessageId);
    }

    /** The {@code numberOrigin} of the follow-up a message becomes. */
    static String followUp(String interactionId, String providerMessageId) {
        return "OCF-" + digest(interactionId + "\n" + providerMessageId);
    }

    /** The {@code numberOrigin} of the n-th file of a message, attached to the ticket. */
    static String attachment(String interactionId, String providerMessageId, int index) {
        return "OCA-" + digest(interactionId + "\n" + providerMessageId + "\n" + index);
    }

    /** The {@code numberOrigin} of the follow-up that says why the n-th file of a message was not attached. */
    static String attachmentRefused(String interactionId, String providerMessageId, int index) {
        return "OCM-" + digest("refused\n" + interactionId + "\n" + providerMessageId + "\n" + index);
    }

    /** The {@code numberOrigin} of the follow-up that records an undelivered outbound message. */
    static String deliveryFailure(UUID outboundEventId) {
        return "OCD-" + digest(outboundEventId.toString());
    }

    /** The {@code numberOrigin} of the follow-up that tells the attendant an answer is held for the window. */
    static String held(UUID outboundEventId) {
        return "OCH-" + digest("held\n" + outboundEventId);
    }

    /** The {@code numberOrigin} of the follow-up that tells the attendant a held answer went out. */
    static String released(UUID releaseEventId) {
        return "OCR-" + digest("released\n" + releaseEventId);
    }

    /** The {@code numberOrigin} of the follow-up that records the person's rating, sent as this message. */
    static String rating(String interactionId, String providerMessageId) {
        return "OCS-" + digest(interactionId + "\n" + providerMessageId);
    }

    /** The id of the satisfaction question after a ticket's resolution: one per ticket. */
    static UUID csatQuestion(String interactionId, String ticketNumber) {
        return uuid("csat", interactionId, ticketNumber);
    }

    /** The id of an attendant's contact about a ticket: the same request id is one message. */
    static UUID contact(String interactionId, String ticketNumber, String requestId) {
        return uuid("contact", interactionId, ticketNumber, requestId);
    }

    /** The id of the message that sends a held answer again: one per held answer. */
    static UUID release(UUID heldEventId) {
        return uuid("release", heldEventId.toString());
    }

    /** The id of the n-th outbound message caused by an inbound message. */
    static UUID reply(String interactionId, String providerMessageId, int index) {
        return uuid("reply", interactionId, providerMessageId, Integer.toString(index));
    }

    /** The id of the message carrying an attendant's follow-up: the same whether it was polled or pushed. */
    static UUID answer(String interactionId, String ticketNumber, String occurrenceId) {
        return uuid("answer", interactionId, ticketNumber, occurrenceId);
    }

    /** The id of the notice that a ticket was resolved or closed: one per ticket. */
    static UUID notice(String interactionId, String ticketNumber) {
        return uuid("notice", interactionId, ticketNumber);
    }

    private static UUID uuid(String... parts) {
        return UUID.nameUUIDFromBytes(String.join("\n", parts).getBytes(StandardCharsets.UTF_8));
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
