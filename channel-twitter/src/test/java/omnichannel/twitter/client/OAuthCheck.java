package omnichannel.twitter.client;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.scribejava.core.services.TimestampService;

import omnichannel.platform.x.XCredentials;
import omnichannel.platform.x.XSigner;

/** Verifies a received OAuth 1.0a header the way X does: recompute the signature with its nonce and timestamp. */
public final class OAuthCheck {

    private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    private OAuthCheck() {
    }

    public static boolean isValid(String header, String method, String url, XCredentials credentials) {
        if (header == null || !header.startsWith("OAuth ")) {
            return false;
        }
        Map<String, String> params = new HashMap<>();
        Matcher m = PARAM.matcher(header);
        while (m.find()) {
            params.put(m.group(1), URLDecoder.decode(m.group(2), StandardCharsets.UTF_8));
        }
        if (!credentials.apiKey().equals(params.get("oauth_consumer_key"))
                || !credentials.accessToken().equals(params.get("oauth_token"))) {
            return false;
        }
        XSigner same = new XSigner(new TimestampService() {

            @Override
            public String getTimestampInSeconds() {
                return params.get("oauth_timestamp");
            }

            @Override
            public String getNonce() {
                return params.get("oauth_nonce");
            }
        });
        return same.authorization(method, url, Map.of(), credentials).equals(header);
    }
}
