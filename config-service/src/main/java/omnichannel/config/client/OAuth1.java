package omnichannel.config.client;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * OAuth 1.0a HMAC-SHA1 request signing (user context), as X documents it (providers.md §6), pinned to X's official
 * example. JSON bodies are not signed; query and form parameters are.
 */
public final class OAuth1 {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** The application's and the account's credentials. */
    public record Credentials(String consumerKey, String consumerSecret, String token, String tokenSecret) {

        @Override
        public String toString() {
            return "Credentials[" + consumerKey + ", secrets=****]";
        }
    }

    private OAuth1() {
    }

    /** The {@code Authorization} header for a request, with a fresh nonce and the current time. */
    public static String authorization(String method, String url, Map<String, String> formParams, Credentials credentials) {
        byte[] nonce = new byte[24];
        RANDOM.nextBytes(nonce);
        return authorization(method, url, formParams, credentials,
                Base64.getUrlEncoder().withoutPadding().encodeToString(nonce), System.currentTimeMillis() / 1000);
    }

    static String authorization(String method, String url, Map<String, String> formParams, Credentials credentials,
            String nonce, long timestamp) {
        List<String[]> oauth = List.of(
                new String[]{"oauth_consumer_key", credentials.consumerKey()},
                new String[]{"oauth_nonce", nonce},
                new String[]{"oauth_signature_method", "HMAC-SHA1"},
                new String[]{"oauth_timestamp", Long.toString(timestamp)},
                new String[]{"oauth_token", credentials.token()},
                new String[]{"oauth_version", "1.0"});
        String signature = signature(method, url, formParams, oauth, credentials);
        List<String[]> header = new ArrayList<>(oauth);
        header.add(new String[]{"oauth_signature", signature});
        return "OAuth " + header.stream().sorted((a, b) -> a[0].compareTo(b[0]))
                .map(p -> encode(p[0]) + "=\"" + encode(p[1]) + "\"").collect(Collectors.joining(", "));
    }

    static String signature(String method, String url, Map<String, String> formParams, List<String[]> oauth,
            Credentials credentials) {
        URI uri = URI.create(url);
        List<String[]> params = new ArrayList<>(oauth);
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int equals = pair.indexOf('=');
                params.add(new String[]{decode(equals < 0 ? pair : pair.substring(0, equals)),
                        equals < 0 ? "" : decode(pair.substring(equals + 1))});
            }
        }
        formParams.forEach((name, value) -> params.add(new String[]{name, value}));
        String normalized = params.stream()
                .map(p -> new String[]{encode(p[0]), encode(p[1])})
                .sorted((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]))
                .map(p -> p[0] + "=" + p[1])
                .collect(Collectors.joining("&"));
        String baseUrl = uri.getScheme().toLowerCase() + "://" + uri.getHost().toLowerCase()
                + (uri.getPort() == -1 ? "" : ":" + uri.getPort()) + uri.getRawPath();
        String base = method.toUpperCase() + "&" + encode(baseUrl) + "&" + encode(normalized);
        String key = encode(credentials.consumerSecret()) + "&" + encode(credentials.tokenSecret());
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(base.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 unavailable", e);
        }
    }

    /** RFC 3986 percent-encoding: unreserved characters stay, everything else is %XX with uppercase hex. */
    static String encode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_'
                    || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return out.toString();
    }

    private static String decode(String text) {
        return java.net.URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
