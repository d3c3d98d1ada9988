package omnichannel.platform.messaging;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An ordering key as a log line may show it: {@code <interaction>:<person>} becomes the interaction and a keyed hash
 * of the person ({@code wa-1:#3f9a0c21}), so that the lines of one conversation can be followed in a pod's log while no
 * number or X id is written (LGPD: erasure cannot reach logs). The key is random per process: the same person hashes
 * alike in one pod's log, differently in another's and after a restart.
 */
public final class LoggedKeys {

    private static final byte[] KEY = new byte[32];

    static {
        new SecureRandom().nextBytes(KEY);
    }

    private LoggedKeys() {
    }

    public static String shown(Object ordering) {
        if (ordering == null) {
            return null;
        }
        String key = ordering.toString();
        int colon = key.indexOf(':');
        if (colon < 0) {
            return key; // a key without a person (an interaction, a sender account)
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
            byte[] digest = mac.doFinal(key.substring(colon + 1).getBytes(StandardCharsets.UTF_8));
            return key.substring(0, colon) + ":#" + HexFormat.of().formatHex(digest, 0, 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
