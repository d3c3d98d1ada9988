package omnichannel.simulators.x;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.github.scribejava.core.builder.ServiceBuilder;
import com.github.scribejava.core.builder.api.DefaultApi10a;
import com.github.scribejava.core.model.OAuth1AccessToken;
import com.github.scribejava.core.model.OAuthRequest;
import com.github.scribejava.core.model.Verb;
import com.github.scribejava.core.services.TimestampService;

/**
 * The X app and account the simulator knows, and the checks X makes with their secrets: OAuth 1.0a user-context
 * signatures, app-only Basic credentials, CRC answers and webhook event signatures.
 */
/* A plain singleton: its fields are read directly, which a client proxy would not allow. */
@Singleton
public class XAccount {

    private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    final String apiKey;
    final String apiSecret;
    final String accessToken;
    final String accessTokenSecret;
    final String userId;
    final String screenName;

    public XAccount(@ConfigProperty(name = "simulators.x.api-key") String apiKey,
            @ConfigProperty(name = "simulators.x.api-secret") String apiSecret,
            @ConfigProperty(name = "simulators.x.access-token") String accessToken,
            @ConfigProperty(name = "simulators.x.access-token-secret") String accessTokenSecret,
            @ConfigProperty(name = "simulators.x.user-id") String userId,
            @ConfigProperty(name = "simulators.x.screen-name") String screenName) {
        this.apiKey = apiKey;
        this.apiSecret = apiSecret;
        this.accessToken = accessToken;
        this.accessTokenSecret = accessTokenSecret;
        this.userId = userId;
        this.screenName = screenName;
    }

    /** Recomputes the request's signature with its own nonce and timestamp, as X does. */
    boolean validUserContext(String header, String method, String url) {
        if (header == null || !header.startsWith("OAuth ")) {
            return false;
        }
        Map<String, String> params = new HashMap<>();
        Matcher m = PARAM.matcher(header);
        while (m.find()) {
            params.put(m.group(1), URLDecoder.decode(m.group(2), StandardCharsets.UTF_8));
        }
        if (!apiKey.equals(params.get("oauth_consumer_key")) || !accessToken.equals(params.get("oauth_token"))
                || params.get("oauth_signature") == null) {
            return false;
        }
        OAuthRequest request = new OAuthRequest(Verb.valueOf(method), url);
        new ServiceBuilder(apiKey).apiSecret(apiSecret).build(new Fixed(params.get("oauth_timestamp"),
                params.get("oauth_nonce"))).signRequest(new OAuth1AccessToken(accessToken, accessTokenSecret), request);
        return header.equals(request.getHeaders().get("Authorization"));
    }

    boolean validBasic(String header) {
        String expected = "Basic " + Base64.getEncoder()
                .encodeToString((apiKey + ":" + apiSecret).getBytes(StandardCharsets.UTF_8));
        return expected.equals(header);
    }

    /** {@code sha256=} + Base64(HMAC-SHA256(consumer secret, bytes)): CRC answers and event signatures alike. */
    String hmac(byte[] bytes) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(apiSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + Base64.getEncoder().encodeToString(mac.doFinal(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Fixed extends DefaultApi10a {

        private final String timestamp;
        private final String nonce;

        Fixed(String timestamp, String nonce) {
            this.timestamp = timestamp;
            this.nonce = nonce;
        }

        @Override
        public TimestampService getTimestampService() {
            return new TimestampService() {

                @Override
                public String getTimestampInSeconds() {
                    return timestamp;
                }

                @Override
                public String getNonce() {
                    return nonce;
                }
            };
        }

        @Override
        public String getRequestTokenEndpoint() {
            return "https://api.x.com/oauth/request_token";
        }

        @Override
        public String getAccessTokenEndpoint() {
            return "https://api.x.com/oauth/access_token";
        }

        @Override
        protected String getAuthorizationBaseUrl() {
            return "https://api.x.com/oauth/authorize";
        }
    }
}
