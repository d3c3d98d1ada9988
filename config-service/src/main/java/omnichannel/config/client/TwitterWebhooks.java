package omnichannel.config.client;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.qute.TemplateData;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

import omnichannel.config.config.OmnichannelConfig;

/**
 * The console's view of an X interaction's webhook, from channel-twitter's admin API (which owns registration):
 * status, register again, CRC again, asked on the person's behalf ({@link OnBehalfCalls}); a failure is a status that
 * says why.
 */
@ApplicationScoped
public class TwitterWebhooks {

    /** What channel-twitter reports, or why it could not be asked ({@code problem}). */
    @TemplateData
    public record Status(boolean known, String webhookId, String url, boolean valid, boolean subscribed,
            String lastError, String updatedAt, String problem) {

        static Status problem(String problem) {
            return new Status(false, null, null, false, false, null, null, problem);
        }
    }

    private final OnBehalfCalls calls;
    private final OmnichannelConfig config;

    public TwitterWebhooks(OnBehalfCalls calls, OmnichannelConfig config) {
        this.calls = calls;
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
        return calls.call(method, "channel-twitter", config.channelTwitterUrl(), "CHANNEL_TWITTER_URL",
                "/api/v1/twitter/webhooks/" + OnBehalfCalls.segment(interactionId) + action, accessToken).map(answer -> {
                    if (answer.status() == 404) {
                        return Status.problem("no webhook registered for this interaction (yet)");
                    }
                    if (answer.problem() != null) {
                        return Status.problem(answer.problem());
                    }
                    JsonObject json = answer.json();
                    return new Status(true, json.getString("webhookId"), json.getString("url"),
                            json.getBoolean("valid", false), json.getBoolean("subscribed", false),
                            json.getString("lastError"), json.getString("updatedAt"), null);
                });
    }
}
