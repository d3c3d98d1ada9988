package omnichannel.config.client;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.MultiMap;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

import omnichannel.config.config.OmnichannelConfig;
import omnichannel.platform.rest.ProblemException;

/**
 * X's OAuth 2.0 token endpoint and {@code GET /2/users/me}, as X documents them (fundamentals/authentication/oauth-2-0:
 * {@code POST /2/oauth2/token}, form-encoded; a confidential client authenticates with Basic client id:secret, a
 * public one sends {@code client_id} in the body). A refused grant (400/401, {@code invalid_grant} or
 * {@code invalid_request}) is {@link GrantRefused}; anything else that is not an answer is {@link XUnavailable}.
 */
@ApplicationScoped
public class XOAuthClient {

    /** Tokens as X answered them; {@code refreshToken} is a new one at every refresh (rotation). */
    public record Tokens(String accessToken, String refreshToken, Instant expiresAt, String scope) {

        @Override
        public String toString() {
            return "Tokens[****, expiresAt=" + expiresAt + ", scope=" + scope + "]";
        }
    }

    /** The app's OAuth 2.0 client: its id and, for a confidential client, its secret (else null). */
    public record Client(String id, String secret) {

        @Override
        public String toString() {
            return "Client[" + id + ", secret=****]";
        }
    }

    /** X refused the grant (the code, the verifier, or a refresh token that was revoked or already spent). */
    public static class GrantRefused extends ProblemException {

        public GrantRefused(String detail) {
            super(409, "X refused the authorization", detail);
        }
    }

    /** X's token endpoint did not answer usefully (timeout, 5xx, 429): try again later. */
    public static class XUnavailable extends ProblemException {

        public XUnavailable(String detail) {
            super(503, "X unavailable", detail);
        }
    }

    private final WebClient http;
    private final String base;
    private final long timeoutMillis;

    public XOAuthClient(Vertx vertx, OmnichannelConfig config) {
        this.http = WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout((int) config.httpClients().connectTimeout().toMillis()).setFollowRedirects(false));
        this.base = config.xApiBaseUrl().replaceAll("/+$", "");
        this.timeoutMillis = config.httpClients().callTimeout().toMillis();
    }

    /** The authorization code for tokens, with the PKCE verifier and the exact redirect URI of the authorization. */
    public Uni<Tokens> exchange(Client client, String code, String verifier, String redirectUri) {
        MultiMap form = MultiMap.caseInsensitiveMultiMap().add("grant_type", "authorization_code").add("code", code)
                .add("redirect_uri", redirectUri).add("code_verifier", verifier);
        return token(client, form);
    }

    /** A refresh: X answers with a new access token and a new refresh token; the old refresh token is spent. */
    public Uni<Tokens> refresh(Client client, String refreshToken) {
        MultiMap form = MultiMap.caseInsensitiveMultiMap().add("grant_type", "refresh_token")
                .add("refresh_token", refreshToken);
        return token(client, form);
    }

    /** The account behind an access token: {@code GET /2/users/me} → its id and username. */
    public Uni<JsonObject> me(String accessToken) {
        return http.getAbs(base + "/2/users/me").putHeader("Authorization", "Bearer " + accessToken).timeout(timeoutMillis)
                .send().onFailure().transform(e -> new XUnavailable("GET /2/users/me: " + e.getClass().getSimpleName()))
                .map(response -> {
                    JsonObject data = json(response).getJsonObject("data");
                    if (response.statusCode() != 200 || data == null || data.getString("id") == null) {
                        throw new XUnavailable("GET /2/users/me answered " + response.statusCode());
                    }
                    return data;
                });
    }

    private Uni<Tokens> token(Client client, MultiMap form) {
        var request = http.postAbs(base + "/2/oauth2/token").timeout(timeoutMillis);
        if (client.secret() != null) {
            request.putHeader("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((client.id() + ":" + client.secret()).getBytes(StandardCharsets.UTF_8)));
        } else {
            form.add("client_id", client.id());
        }
        return request.sendForm(form)
                .onFailure().transform(e -> new XUnavailable("X's token endpoint: " + e.getClass().getSimpleName()))
                .map(response -> {
                    JsonObject body = json(response);
                    int status = response.statusCode();
                    if (status == 400 || status == 401) {
                        // RFC 6749 §5.2 error codes only: X's description may echo what we sent
                        throw new GrantRefused("X's token endpoint answered " + status + " "
                                + body.getString("error", "(no error code)"));
                    }
                    String access = body.getString("access_token");
                    if (status != 200 || access == null) {
                        throw new XUnavailable("X's token endpoint answered " + status);
                    }
                    long expiresIn = body.getLong("expires_in", 7200L);
                    return new Tokens(access, body.getString("refresh_token"), Instant.now().plusSeconds(expiresIn),
                            body.getString("scope"));
                });
    }

    private static JsonObject json(HttpResponse<?> response) {
        try {
            String text = response.bodyAsString();
            return text == null || !text.trim().startsWith("{") ? new JsonObject() : new JsonObject(text);
        } catch (RuntimeException e) {
            return new JsonObject();
        }
    }

    @PreDestroy
    void close() {
        http.close();
    }
}
