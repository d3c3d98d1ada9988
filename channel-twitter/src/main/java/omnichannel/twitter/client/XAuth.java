package omnichannel.twitter.client;

import java.util.Map;

import io.vertx.core.http.HttpMethod;

import omnichannel.platform.x.XCredentials;
import omnichannel.platform.x.XSigner;

/**
 * User context for an X call, either way X takes it: OAuth 1.0a (the Account Activity and polling modes: each request
 * signed with the account's token) or an OAuth 2.0 user access token (the Activity API mode: {@code Bearer}).
 */
public interface XAuth {

    /** The {@code Authorization} header for this request. */
    String header(HttpMethod method, String url);

    /** Whether it is an OAuth 2.0 token (a 401 then means the grant no longer holds). */
    boolean oauth2();

    static XAuth oauth1(XCredentials credentials) {
        XSigner signer = new XSigner();
        return new XAuth() {

            @Override
            public String header(HttpMethod method, String url) {
                return signer.authorization(method.name(), url, Map.of(), credentials);
            }

            @Override
            public boolean oauth2() {
                return false;
            }
        };
    }

    static XAuth bearer(String accessToken) {
        return new XAuth() {

            @Override
            public String header(HttpMethod method, String url) {
                return "Bearer " + accessToken;
            }

            @Override
            public boolean oauth2() {
                return true;
            }

            @Override
            public String toString() {
                return "XAuth[Bearer ****]";
            }
        };
    }
}
