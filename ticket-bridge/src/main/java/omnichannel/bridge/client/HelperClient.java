package omnichannel.bridge.client;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;

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

    public HelperClient(Vertx vertx, MeterRegistry metrics) {
        this.client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(3000).setIdleTimeout(60)
                .setKeepAlive(true).setMaxPoolSize(32));
        this.breaker = new DependencyBreaker("helper", failure -> true, metrics);
    }

    /** One answer of the bot: a text (possibly with buttons) or an image. */
    public record Reply(String text, List<Button> buttons, String image) {
    }

    public record Button(String title, String payload) {
    }

    /** Sends the person's message; fails with {@link HelperException} on a non-2xx answer or a malformed body. */
    public Uni<List<Reply>> send(String url, String sender, String message) {
        URI uri = URI.create(url);
        return breaker.call(() -> client.requestAbs(io.vertx.core.http.HttpMethod.POST, url)
                .timeout(10_000)
                .sendJsonObject(new JsonObject().put("sender", sender).put("message", message))
                .map(response -> {
                    if (response.statusCode() / 100 != 2) {
                        throw new HelperException("Helper at " + uri.getHost() + " answered HTTP " + response.statusCode());
                    }
                    return replies(response.bodyAsString());
                }));
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
