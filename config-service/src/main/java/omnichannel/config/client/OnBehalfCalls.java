package omnichannel.config.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;

import omnichannel.config.config.OmnichannelConfig;

/**
 * config-service's calls to the other services' APIs with a bearer token the caller hands over: the console's with the
 * logged-in person's own (each service checks their role itself), privacy requests with config-service's own. Never
 * throws: a failure is an answer that says why, in words for the page.
 */
@ApplicationScoped
public class OnBehalfCalls {

    /** A 200's JSON, or {@code problem} (with the status, 0 when the service was not reached). */
    public record Answer(int status, JsonObject json, String problem) {
    }

    private final WebClient http;
    private final Duration timeout;

    public OnBehalfCalls(Vertx vertx, OmnichannelConfig config) {
        this.http = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false)
                .setConnectTimeout((int) config.httpClients().connectTimeout().toMillis())
                .setUserAgent("omnichannel-config-service-console"));
        this.timeout = config.httpClients().callTimeout();
    }

    /**
     * @param service the service's name, for the words of a problem
     * @param base its base URL, empty when not configured ({@code setting} names the variable)
     */
    /** A value as one path segment (or query value) of a call: encoded, so no id can climb out of its place. */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public Uni<Answer> call(String method, String service, Optional<String> base, String setting, String path,
            String accessToken) {
        return call(method, service, base, setting, path, accessToken, null, timeout);
    }

    /** As {@link #call(String, String, Optional, String, String, String)}, with a JSON body and a timeout of its own. */
    public Uni<Answer> call(String method, String service, Optional<String> base, String setting, String path,
            String accessToken, JsonObject body, Duration timeout) {
        if (base.isEmpty()) {
            return Uni.createFrom().item(new Answer(0, null, service + "'s address is not configured (" + setting
                    + ")"));
        }
        String url = base.get().replaceAll("/+$", "") + path;
        var request = method.equals("GET") ? http.getAbs(url) : http.postAbs(url);
        request.bearerTokenAuthentication(accessToken).timeout(timeout.toMillis());
        return (body == null ? request.send() : request.sendJsonObject(body))
                .map(response -> response.statusCode() == 200
                        ? new Answer(200, response.bodyAsJsonObject(), null)
                        : new Answer(response.statusCode(), null, service + " answered HTTP " + response.statusCode()))
                .onFailure().recoverWithItem(e -> new Answer(0, null, service + " unreachable: " + e.getMessage()));
    }
}
