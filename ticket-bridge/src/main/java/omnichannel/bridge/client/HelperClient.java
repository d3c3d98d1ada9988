package omnichannel.bridge.client;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;

import omnichannel.bridge.config.BridgeConfig;
import omnichannel.platform.net.OutboundUrls;
import omnichannel.platform.resilience.DependencyBreaker;

/**
 * The Helper bot's conversation API (parameter 441, a Rasa REST channel): one message in, zero or more answers out. The
 * URL is a parameter that admins may change at any time, so the client takes it per call.
 */
@ApplicationScoped
public class HelperClient {

    private final WebClient client;
    /** Every failure counts: an unreachable bot, a 5xx, an answer that is not the bot's JSON. */
    private final DependencyBreaker breaker;

    private final OutboundUrls urls;

    private final long callMillis;

    public HelperClient(Vertx vertx, MeterRegistry metrics, OutboundUrls urls, BridgeConfig bridge) {
        this.urls = urls;
        this.callMillis = bridge.helper().callTimeout().toMillis();
        // SNI from the URL's host: the connection goes to an address resolved and checked beforehand; a redirect is
        // never followed (its target would escape that check: a Helper answering 303 to an address inside the cluster)
        this.client = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false)
                .setConnectTimeout((int) bridge.helper().connectTimeout().toMillis())
                .setIdleTimeout(60)
                .setKeepAlive(true).setMaxPoolSize(32).setForceSni(true));
        this.breaker = new DependencyBreaker("helper", failure -> true, metrics);
    }

    /** One answer of the bot: a text (possibly with buttons) or an image. */
    public record Reply(String text, List<Button> buttons, String image) {
    }

    public record Button(String title, String payload) {
    }

    /**
     * Sends the person's message; fails with {@link HelperException} on a non-2xx answer or a malformed body, or
     * when the URL is not one that may be called ({@link OutboundUrls}: https, public addresses only). The name is
     * resolved and checked off the event loop, and the request goes to that very address (with the URL's host for
     * the Host header, SNI and certificate check), so DNS rebinding cannot redirect it inside.
     */
    public Uni<List<Reply>> send(String url, String sender, String message) {
        URI uri = URI.create(url);
        // the answer comes back on the caller's context, where its reactive database session lives
        Context caller = io.vertx.core.Vertx.currentContext();
        Uni<List<Reply>> replies = breaker.call(() -> urls.pinned(client, HttpMethod.POST, url)
                .onFailure(OutboundUrls.Refused.class).transform(e -> new HelperException("Helper URL refused: "
                        + e.getMessage()))
                .chain(request -> request.timeout(callMillis)
                        .sendJsonObject(new JsonObject().put("sender", sender).put("message", message)))
                .map(response -> {
                    if (response.statusCode() / 100 != 2) {
                        throw new HelperException("Helper at " + uri.getHost() + " answered HTTP " + response.statusCode());
                    }
                    return replies(response.bodyAsString());
                }));
        return caller == null ? replies : replies.emitOn(task -> caller.runOnContext(ignored -> task.run()));
    }

    private static List<Reply> replies(String body) {
        JsonArray array;
        try {
            array = body == null || body.isBlank() ? new JsonArray() : new JsonArray(body);
        } catch (RuntimeException e) {
            throw new HelperException("Helper answered something that is not a JSON array");
        }
        List<Reply> replies = new ArrayList<>();
        for (Object item : array) {
            if (!(item instanceof JsonObject reply)) {
                continue;
            }
            List<Button> buttons = new ArrayList<>();
            JsonArray list = reply.getJsonArray("buttons", new JsonArray());
            for (Object b : list) {
                if (b instanceof JsonObject button && button.getString("title") != null) {
                    buttons.add(new Button(button.getString("title"),
                            button.getString("payload", button.getString("title"))));
                }
            }
            String text = reply.getString("text");
            String image = reply.getString("image");
            if (text != null || image != null) {
                replies.add(new Reply(text, List.copyOf(buttons), image));
            }
        }
        return replies;
    }

    /** The bot failed or answered nonsense: retried like a 4biz outage. */
    public static class HelperException extends RuntimeException {

        public HelperException(String message) {
            super(message);
        }
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
