package omnichannel.config.client;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.qute.TemplateData;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

import omnichannel.config.config.OmnichannelConfig;

/**
 * The console's view of an X interaction's webhook, from channel-twitter's admin API (which owns registration):
 * status, register again, CRC again. Called with the logged-in person's own access token, so channel-twitter checks
 * their role itself; nothing here throws, a failure is a status that says why.
 */
@ApplicationScoped
public class TwitterWebhooks {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** What channel-twitter reports, or why it could not be asked ({@code problem}). */
    @TemplateData
    public record Status(boolean known, String webhookId, String url, boolean valid, boolean subscribed,
            String lastError, String updatedAt, String problem) {

        static Status problem(String problem) {
            return new Status(false, null, null, false, false, null, null, problem);
        }
    }

    private final WebClient http;
    private final OmnichannelConfig config;

    public TwitterWebhooks(Vertx vertx, OmnichannelConfig config) {
        this.http = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false).setConnectTimeout(5000)
                .setUserAgent("omnichannel-config-service-console"));
        this.config = config;
    }

    public Uni<Status> status(String interactionId, String accessToken) {
        return call("GET", interactionId, "", accessToken);
    }

    /** {@code POST /registration}: register the callback URL and subscribe again. */
    public Uni<Status> register(String interactionId, String accessToken) {
        return call("POST", interactionId, "/registration", accessToken);
    }

    /** {@code POST /crc}: ask X to run the CRC again. */
    public Uni<Status> recheck(String interactionId, String accessToken) {
        return call("POST", interactionId, "/crc", accessToken);
    }

    private Uni<Status> call(String method, String interactionId, String action, String accessToken) {
        if (config.channelTwitterUrl().isEmpty()) {
            return Uni.createFrom().item(Status.problem("channel-twitter's address is not configured "
                    + "(CHANNEL_TWITTER_URL)"));
        }
        String url = config.channelTwitterUrl().get().replaceAll("/+$", "") + "/api/v1/twitter/webhooks/"
                + interactionId + action;
        var request = method.equals("GET") ? http.getAbs(url) : http.postAbs(url);
        return request.bearerTokenAuthentication(accessToken).timeout(TIMEOUT.toMillis()).send()
                .map(TwitterWebhooks::status)
                .onFailure().recoverWithItem(e -> Status.problem("channel-twitter unreachable: " + e.getMessage()));
    }

    private static Status status(HttpResponse<?> response) {
        if (response.statusCode() == 404) {
            return Status.problem("no webhook registered for this interaction (yet)");
        }
        if (response.statusCode() != 200) {
            return Status.problem("channel-twitter answered HTTP " + response.statusCode());
        }
        JsonObject json = response.bodyAsJsonObject();
        return new Status(true, json.getString("webhookId"), json.getString("url"), json.getBoolean("valid", false),
                json.getBoolean("subscribed", false), json.getString("lastError"), json.getString("updatedAt"),
                null);
    }
}
