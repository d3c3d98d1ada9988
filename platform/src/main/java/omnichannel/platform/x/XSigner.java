package omnichannel.platform.x;

import java.util.Map;

import com.github.scribejava.core.builder.ServiceBuilder;
import com.github.scribejava.core.builder.api.DefaultApi10a;
import com.github.scribejava.core.model.OAuth1AccessToken;
import com.github.scribejava.core.model.OAuthRequest;
import com.github.scribejava.core.model.Verb;
import com.github.scribejava.core.oauth.OAuth10aService;
import com.github.scribejava.core.services.TimestampService;
import com.github.scribejava.core.services.TimestampServiceImpl;

/**
 * OAuth 1.0a HMAC-SHA1 {@code Authorization} headers (user context) by ScribeJava: query and form parameters are
 * signed, JSON bodies are not (providers.md §6). Only the signing is used; requests go out on our own HTTP client.
 */
public final class XSigner {

    private final TimestampService timestamps;

    public XSigner() {
        this(new TimestampServiceImpl());
    }

    /** With a fixed nonce and time: the official example is reproduced with these. */
    public XSigner(TimestampService timestamps) {
        this.timestamps = timestamps;
    }

    /** The header for {@code method url} (the query, if any, in the URL) with these form parameters. */
    public String authorization(String method, String url, Map<String, String> formParameters, XCredentials credentials) {
        OAuthRequest request = new OAuthRequest(Verb.valueOf(method.toUpperCase()), url);
        formParameters.forEach(request::addBodyParameter);
        service(credentials).signRequest(new OAuth1AccessToken(credentials.accessToken(),
                credentials.accessTokenSecret()), request);
        return request.getHeaders().get("Authorization");
    }

    private OAuth10aService service(XCredentials credentials) {
        return new ServiceBuilder(credentials.apiKey()).apiSecret(credentials.apiSecret()).build(new SigningOnly(timestamps));
    }

    /** ScribeJava wants an API description; only its timestamps matter for signing. */
    private static final class SigningOnly extends DefaultApi10a {

        private final TimestampService timestamps;

        SigningOnly(TimestampService timestamps) {
            this.timestamps = timestamps;
        }

        @Override
        public TimestampService getTimestampService() {
            return timestamps;
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
