package omnichannel.platform.x;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Pattern;

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
     * The tokens X sends in a CRC challenge: up to 256 letters, digits and {@code - _ = + / .} (UUIDs, Base64). None
     * of these is a JSON object, array or string, so no event body can pass as a token.
     */
    private static final Pattern CRC_TOKEN = Pattern.compile("[A-Za-z0-9_=+/.-]{1,256}");

    /** Whether {@code token} has the shape of X's CRC tokens; anything else must not be answered. */
    public static boolean isCrcToken(String token) {
        return token != null && CRC_TOKEN.matcher(token).matches();
    }

    /**
     * X's challenge-response answer (providers.md §5): {@code sha256=} + Base64(HMAC-SHA256(consumer secret, token)),
     * the same HMAC as an event's signature. That is why only X-shaped tokens are answered: signing any string would
     * sign attacker-chosen event bodies (a forged event replayed with the signature the CRC endpoint gave back).
     *
     * @throws IllegalArgumentException when the token is not {@linkplain #isCrcToken X-shaped}
     */
    public static String crc(String consumerSecret, String crcToken) {
        if (!isCrcToken(crcToken)) {
            throw new IllegalArgumentException("not an X CRC token");
        }
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
