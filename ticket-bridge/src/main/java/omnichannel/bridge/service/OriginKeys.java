package omnichannel.bridge.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Deterministic keys of everything a message causes, so that a redelivery, a retry or a crash after 4biz answered
 * produces the same key and 4biz (or a consumer) recognises the repeat.
 */
final class OriginKeys {

    private OriginKeys() {
    }

    /** The ticket's {@code numberOrigin}: "OCT-" + 128 bits of SHA-256(interaction, provider message id); 36 chars. */
    static String ticket(String interactionId, String providerMessageId) {
        return "OCT-" + digest(interactionId + "\n" + providerMessageId);
    }

    /** The id of the outbound message caused by an inbound event for a purpose. */
    static UUID outbound(UUID causeEventId, String purpose) {
        return UUID.nameUUIDFromBytes((purpose + ":" + causeEventId).getBytes(StandardCharsets.UTF_8));
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
