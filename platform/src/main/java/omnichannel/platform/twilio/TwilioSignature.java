package omnichannel.platform.twilio;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Twilio's {@code X-Twilio-Signature} (providers.md §3): Base64 HMAC-SHA1 over the URL followed by every form
 * parameter sorted by name (repeated names: values sorted), compared in constant time, with the port variants Twilio
 * may have signed. Unlike the SDK's {@code RequestValidator}, it handles repeated parameter names.
 */
public final class TwilioSignature {

    private TwilioSignature() {
    }

    /** The signature Twilio computes for this URL and these form parameters. */
    public static String compute(String authToken, String url, Map<String, List<String>> params) {
        return sign(hmacSha1(authToken), url, sortedParameters(params));
    }

    private static String sign(Mac mac, String url, byte[] sortedParameters) {
        mac.update(url.getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(mac.doFinal(sortedParameters));
    }

    /** Every parameter's name and value, sorted by name (values sorted too), as the signed data's tail. */
    private static byte[] sortedParameters(Map<String, List<String>> params) {
        StringBuilder data = new StringBuilder();
        new TreeMap<>(params).forEach((name, values) -> {
            for (String value : new TreeSet<>(values)) {
                data.append(name).append(value);
            }
        });
        return data.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Mac hmacSha1(String authToken) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 unavailable", e);
        }
    }

    /**
     * Whether {@code signature} is Twilio's for this request: the URL as given, with the scheme's default port added,
     * or with an explicit port removed.
     */
    public static boolean isValid(String authToken, String url, Map<String, List<String>> params, String signature) {
        if (signature == null || signature.isEmpty() || authToken == null || authToken.isEmpty()) {
            return false;
        }
        byte[] expected = signature.getBytes(StandardCharsets.UTF_8);
        // The parameters are sorted and the key set up once for every variant (this was the gateway's second cost at
        // saturation); every distinct variant is computed, so the time taken does not tell which one matched.
        Mac mac = hmacSha1(authToken);
        byte[] parameters = sortedParameters(params);
        boolean valid = false;
        for (String candidate : urlVariants(url)) {
            byte[] actual = sign(mac, candidate, parameters).getBytes(StandardCharsets.UTF_8);
            valid |= MessageDigest.isEqual(expected, actual);
        }
        return valid;
    }

    /**
     * The JSON-body variant (providers.md §3.5): the URL carries {@code bodySHA256} = hex SHA-256 of the raw body, and
     * the signature covers the URL alone. Both must hold.
     */
    public static boolean isValidJsonBody(String authToken, String url, byte[] rawBody, String signature) {
        String declared = queryParameter(url, "bodySHA256");
        if (declared == null) {
            return false;
        }
        byte[] expected = HexFormat.of().formatHex(sha256(rawBody)).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, declared.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8))
                && isValid(authToken, url, Map.of(), signature);
    }

    static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static String queryParameter(String url, String name) {
        int query = url.indexOf('?');
        if (query < 0) {
            return null;
        }
        for (String pair : url.substring(query + 1).split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        return null;
    }

    static List<String> urlVariants(String url) {
        try {
            URI uri = new URI(url);
            String withoutPort = rebuild(uri, -1);
            int defaultPort = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            String withDefaultPort = rebuild(uri, defaultPort);
            // a URL without a port is its own "without port" variant: signed twice it would cost a third more
            return List.copyOf(new LinkedHashSet<>(List.of(url, withoutPort, withDefaultPort)));
        } catch (URISyntaxException e) {
            return List.of(url);
        }
    }

    // Built from the raw parts so percent-encoding stays exactly as Twilio sent it.
    private static String rebuild(URI uri, int port) {
        StringBuilder url = new StringBuilder().append(uri.getScheme()).append("://");
        if (uri.getRawUserInfo() != null) {
            url.append(uri.getRawUserInfo()).append('@');
        }
        url.append(uri.getHost());
        if (port >= 0) {
            url.append(':').append(port);
        }
        url.append(uri.getRawPath() == null ? "" : uri.getRawPath());
        if (uri.getRawQuery() != null) {
            url.append('?').append(uri.getRawQuery());
        }
        return url.toString();
    }
}
