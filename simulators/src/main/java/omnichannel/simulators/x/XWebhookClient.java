package omnichannel.simulators.x;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.WebClient;

/** X's calls to a webhook: the CRC challenge and signed event deliveries. */
@ApplicationScoped
public class XWebhookClient {

    private final WebClient http;
    private final XAccount account;

    public XWebhookClient(Vertx vertx, XAccount account) {
        this.http = WebClient.create(vertx);
        this.account = account;
    }

    /** GET url?crc_token=…, valid when the answer is 200 with the right response_token within 3 s. */
    Uni<Boolean> crc(String url) {
        String token = UUID.randomUUID().toString();
        String expected = account.hmac(token.getBytes(StandardCharsets.UTF_8));
        return http.getAbs(url).addQueryParam("crc_token", token).timeout(3000).send()
                .map(response -> response.statusCode() == 200 && response.bodyAsString() != null
                        && expected.equals(new JsonObject(response.bodyAsString()).getString("response_token")))
                .onFailure().recoverWithItem(e -> {
                    Log.warnf("CRC against %s failed: %s", url, e.getMessage());
                    return false;
                });
    }

    /**
     * Posts a DM event in the X Activity API envelope (x-api/activity/event-payloads: {@code event_uuid}, {@code
     * filter}, {@code event_type}, {@code tag}, {@code payload} with {@code direct_message_events} and {@code users}
     * whose entries hold {@code data}) to each subscription's webhook, signed like every webhook delivery.
     */
    Uni<Integer> deliverActivity(List<Map.Entry<XState.Subscription, String>> targets, XState.DmEvent event) {
        Uni<Integer> delivered = Uni.createFrom().item(0);
        for (var target : targets) {
            XState.Subscription subscription = target.getKey();
            JsonObject users = new JsonObject()
                    .put(event.senderId(), new JsonObject().put("data", new JsonObject().put("id", event.senderId())
                            .put("name", event.senderName()).put("username", event.senderUsername())));
            JsonObject body = new JsonObject().put("data", new JsonObject()
                    .put("event_uuid", Long.toString(ThreadLocalRandom.current().nextLong()))
                    .put("filter", new JsonObject().put("user_id", subscription.userId()))
                    .put("event_type", subscription.eventType()).put("tag", subscription.tag())
                    .put("payload", new JsonObject().put("direct_message_events", new JsonArray().add(dmEvent(event)))
                            .put("users", users)));
            delivered = delivered.chain(count -> post(target.getValue(), body).map(ok -> ok ? count + 1 : count));
        }
        return delivered;
    }

    /** {@code oauth.revoke} (empty filter) to every webhook with Activity API subscriptions. */
    Uni<Integer> deliverRevoke(List<String> urls) {
        JsonObject body = new JsonObject().put("data", new JsonObject()
                .put("event_uuid", Long.toString(ThreadLocalRandom.current().nextLong()))
                .put("filter", new JsonObject()).put("event_type", "oauth.revoke")
                .put("payload", new JsonObject().put("date_time", OffsetDateTime.now().toString())
                        .put("user_id", account.userId).put("app_id", "29820954")));
        Uni<Integer> delivered = Uni.createFrom().item(0);
        for (String url : urls) {
            delivered = delivered.chain(count -> post(url, body).map(ok -> ok ? count + 1 : count));
        }
        return delivered;
    }

    private Uni<Boolean> post(String url, JsonObject body) {
        byte[] bytes = body.encode().getBytes(StandardCharsets.UTF_8);
        return http.postAbs(url).putHeader("Content-Type", "application/json")
                .putHeader("x-twitter-webhooks-signature", account.hmac(bytes)).timeout(5000)
                .sendBuffer(Buffer.buffer(bytes))
                .map(response -> {
                    if (response.statusCode() / 100 != 2) {
                        throw new IllegalStateException("webhook answered " + response.statusCode());
                    }
                    return true;
                })
                .onFailure().retry().withBackOff(Duration.ofMillis(500)).atMost(3)
                .onFailure().recoverWithItem(e -> {
                    Log.warnf("delivery to %s failed: %s", url, e.getMessage());
                    return false;
                });
    }

    private static JsonObject dmEvent(XState.DmEvent event) {
        return new JsonObject().put("type", "message_create").put("id", event.id())
                .put("created_timestamp", Long.toString(event.createdAt().toEpochMilli()))
                .put("message_create", new JsonObject()
                        .put("target", new JsonObject().put("recipient_id", event.recipientId()))
                        .put("sender_id", event.senderId())
                        .put("message_data", new JsonObject().put("text", event.text())));
    }

    /** Posts a DM event (Account Activity format) to every subscribed webhook, signed; retried like X (3 times). */
    Uni<Integer> deliver(List<String> urls, XState.DmEvent event) {
        JsonObject users = new JsonObject()
                .put(event.senderId(), new JsonObject().put("id", event.senderId()).put("name", event.senderName())
                        .put("screen_name", event.senderUsername()))
                .put(account.userId, new JsonObject().put("id", account.userId).put("name", "Suporte")
                        .put("screen_name", account.screenName));
        JsonObject body = new JsonObject().put("for_user_id", account.userId)
                .put("direct_message_events", new JsonArray().add(new JsonObject()
                        .put("type", "message_create").put("id", event.id())
                        .put("created_timestamp", Long.toString(event.createdAt().toEpochMilli()))
                        .put("message_create", new JsonObject()
                                .put("target", new JsonObject().put("recipient_id", event.recipientId()))
                                .put("sender_id", event.senderId())
                                .put("message_data", new JsonObject().put("text", event.text())))))
                .put("users", users);
        byte[] bytes = body.encode().getBytes(StandardCharsets.UTF_8);
        String signature = account.hmac(bytes);
        Uni<Integer> delivered = Uni.createFrom().item(0);
        for (String url : urls) {
            delivered = delivered.chain(count -> http.postAbs(url).putHeader("Content-Type", "application/json")
                    .putHeader("x-twitter-webhooks-signature", signature).timeout(5000)
                    .sendBuffer(Buffer.buffer(bytes))
                    .map(response -> {
                        if (response.statusCode() / 100 != 2) {
                            throw new IllegalStateException("webhook answered " + response.statusCode());
                        }
                        return count + 1;
                    })
                    .onFailure().retry().withBackOff(Duration.ofMillis(500)).atMost(3)
                    .onFailure().recoverWithItem(e -> {
                        Log.warnf("delivery to %s failed: %s", url, e.getMessage());
                        return count;
                    }));
        }
        return delivered;
    }
}
