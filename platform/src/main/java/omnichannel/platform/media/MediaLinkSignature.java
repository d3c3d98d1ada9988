package omnichannel.platform.media;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a link to an attendant's file ({@code <gateway>/media/<id>?e=<expiry>&s=<signature>}):
 * Base64url(HMAC-SHA256({@code MEDIA_LINK_KEY}, {@code id.expiry})). The bridge signs and, when the file is fetched,
 * checks it again; the gateway checks it first, so a forged link never takes a relay slot or reaches the bridge.
 */
public final class MediaLinkSignature {

    /** A key shorter than this refuses to start a packaged service that signs or checks links. */
    public static final int MIN_KEY_LENGTH = 32;

    private final byte[] key;

    public MediaLinkSignature(String key) {
        this.key = (key == null ? "" : key).getBytes(StandardCharsets.UTF_8);
    }

    /** Whether the key is long enough to be used. */
    public boolean usable() {
        return key.length >= MIN_KEY_LENGTH;
    }

    public String sign(UUID id, long expiresEpochSecond) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    mac.doFinal((id + "." + expiresEpochSecond).getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Constant-time comparison with the link's signature. */
    public boolean matches(UUID id, long expiresEpochSecond, String signature) {
        return signature != null && MessageDigest.isEqual(sign(id, expiresEpochSecond)
                .getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.US_ASCII));
    }
}
