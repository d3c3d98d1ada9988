package omnichannel.simulators.twilio;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a form webhook the way Twilio does (providers.md §3): the simulated Twilio's status callbacks, the demo, the
 * benchmarks and the tests that play Twilio. Written independently of the gateway's validator, so that each checks
 * the other.
 */
public final class TwilioWebhookSigner {

    private TwilioWebhookSigner() {
    }

    /** A form whose fields each have one value. */
    public static String signFields(String authToken, String url, Map<String, String> form) {
        Map<String, List<String>> params = new TreeMap<>();
        form.forEach((name, value) -> params.put(name, List.of(value)));
        return sign(authToken, url, params);
    }

    public static String sign(String authToken, String url, Map<String, List<String>> params) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((name, values) -> new TreeSet<>(values)
                .forEach(value -> data.append(name).append(value)));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
