package omnichannel.platform.x;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * X's webhook event signature (providers.md §5): {@code x-twitter-webhooks-signature} is {@code sha256=} +
 * Base64(HMAC-SHA256(consumer secret, raw body bytes)). Computed over the bytes as received, never re-serialised JSON.
 */
public final class XSignature {

    private XSignature() {
    }

    public static String of(String consumerSecret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(consumerSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /**
     * X's challenge-response answer (providers.md §5): {@code sha256=} + Base64(HMAC-SHA256(consumer secret, token)),
     * the same HMAC as an event's signature. Callers must answer only X-shaped tokens, or the endpoint signs
     * attacker-chosen bodies.
     */
    public static String crc(String consumerSecret, String crcToken) {
        return of(consumerSecret, crcToken.getBytes(StandardCharsets.UTF_8));
    }

    /** Constant-time comparison; a missing header or secret is invalid. */
    public static boolean isValid(String consumerSecret, byte[] body, String header) {
        if (consumerSecret == null || header == null) {
            return false;
        }
        return MessageDigest.isEqual(of(consumerSecret, body).getBytes(StandardCharsets.US_ASCII),
                header.trim().getBytes(StandardCharsets.US_ASCII));
    }
}
