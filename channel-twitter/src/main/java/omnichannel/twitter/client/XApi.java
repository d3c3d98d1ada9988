package omnichannel.twitter.client;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.ext.web.multipart.MultipartForm;

import omnichannel.platform.resilience.DependencyBreaker;
import omnichannel.platform.x.XCredentials;
import omnichannel.twitter.config.TwitterConfig;

/**
 * The X API calls channel-twitter makes (providers.md §6), on {@code X_API_BASE_URL}. Every answer comes back as an
 * {@link XResponse} with its rate-limit headers; only a transport failure (timeout, refused connection) or X's open
 * circuit breaker fails the Uni.
 */
@ApplicationScoped
public class XApi {

    private final WebClient client;
    private final String base;
    /** X's breaker, for every call: transport failures and 5xx count; a 4xx or a 429 is an answer about one call. */
    private final DependencyBreaker breaker;
    private final long callMillis;
    private final long mediaMillis;

    public XApi(Vertx vertx, TwitterConfig config, MeterRegistry metrics) {
        this.breaker = new DependencyBreaker("x", failure -> true, metrics);
        String base = config.xApiBaseUrl();
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout((int) config.http().connectTimeout().toMillis()).setIdleTimeout(60)
                .setKeepAlive(true).setMaxPoolSize(16));
        this.callMillis = config.http().callTimeout().toMillis();
        this.mediaMillis = config.http().mediaTimeout().toMillis();
        this.base = base.replaceAll("/+$", "");
    }

    /** {@code POST /2/dm_conversations/with/{participant}/messages}, user context. */
    public Uni<XResponse> sendDm(XAuth auth, String participantId, String text) {
        String url = base + "/2/dm_conversations/with/" + participantId + "/messages";
        return send(userContext(HttpMethod.POST, url, auth), new JsonObject().put("text", text));
    }

    /**
     * {@code POST /2/media/upload}, multipart, user context (only the OAuth parameters are signed): the file for a DM
     * ({@code dm_image}, {@code dm_gif}, {@code dm_video}); its media id is in {@code data.id}.
     */
    public Uni<XResponse> uploadMedia(XAuth auth, String category, String contentType, byte[] content) {
        String url = base + "/2/media/upload";
        MultipartForm form = MultipartForm.create().attribute("media_category", category)
                .binaryFileUpload("media", "media", Buffer.buffer(content), contentType);
        HttpRequest<Buffer> request = userContext(HttpMethod.POST, url, auth);
        request.timeout(mediaMillis);
        return breaker.call(() -> request.sendMultipartForm(form).map(XApi::answer)
                .invoke(response -> {
                    if (response.transientFailure()) {
                        throw new ServerError(response);
                    }
                }))
                .onFailure(ServerError.class).recoverWithItem(failure -> ((ServerError) failure).response);
    }

    /** A file at one of our own links (the gateway's {@code /media/...}): status, content type and bytes. */
    public Uni<Fetched> fetch(String url) {
        return client.getAbs(url).timeout(mediaMillis).send()
                .map(response -> new Fetched(response.statusCode(), response.getHeader("Content-Type"),
                        response.body() == null ? new byte[0] : response.body().getBytes()));
    }

    /** A fetched file. */
    public record Fetched(int status, String contentType, byte[] content) {
    }

    /** {@code POST /2/dm_conversations/with/{participant}/messages} with one uploaded file. */
    public Uni<XResponse> sendDm(XAuth auth, String participantId, String text, String mediaId) {
        if (mediaId == null) {
            return sendDm(auth, participantId, text);
        }
        String url = base + "/2/dm_conversations/with/" + participantId + "/messages";
        JsonObject body = new JsonObject().put("attachments", new JsonArray()
                .add(new JsonObject().put("media_id", mediaId)));
        if (!text.isEmpty()) {
            body.put("text", text);
        }
        return send(userContext(HttpMethod.POST, url, auth), body);
    }

    /** {@code GET /2/dm_events}, newest first; {@code paginationToken} for the next (older) page. */
    public Uni<XResponse> dmEvents(XAuth auth, String paginationToken) {
        String url = base + "/2/dm_events?dm_event.fields=id,text,sender_id,dm_conversation_id,created_at,attachments"
                + "&event_types=MessageCreate&max_results=100&expansions=sender_id&user.fields=name,username"
                + (paginationToken == null ? "" : "&pagination_token=" + paginationToken);
        return send(userContext(HttpMethod.GET, url, auth), null);
    }

    /** An app-only bearer token: {@code POST /oauth2/token} with the app's key and secret. */
    public Uni<XResponse> bearerToken(XCredentials credentials) {
        String basic = Base64.getEncoder().encodeToString((credentials.apiKey() + ":" + credentials.apiSecret())
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest<Buffer> request = client.requestAbs(HttpMethod.POST, base + "/oauth2/token")
                .putHeader("Authorization", "Basic " + basic)
                .putHeader("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8");
        return request.timeout(callMillis).sendBuffer(Buffer.buffer("grant_type=client_credentials")).map(XApi::answer);
    }

    /** {@code POST /2/webhooks}: X answers only after its CRC against the URL succeeded. */
    public Uni<XResponse> registerWebhook(String bearer, String url) {
        return send(bearer(HttpMethod.POST, base + "/2/webhooks", bearer), new JsonObject().put("url", url));
    }

    public Uni<XResponse> webhooks(String bearer) {
        return send(bearer(HttpMethod.GET, base + "/2/webhooks", bearer), null);
    }

    /** {@code PUT /2/webhooks/{id}}: X runs the CRC again. */
    public Uni<XResponse> recheckWebhook(String bearer, String webhookId) {
        return send(bearer(HttpMethod.PUT, base + "/2/webhooks/" + webhookId, bearer), null);
    }

    /** Subscribes the account (user context) to the webhook's events. */
    public Uni<XResponse> subscribe(XAuth auth, String webhookId) {
        String url = base + "/2/account_activity/webhooks/" + webhookId + "/subscriptions/all";
        return send(userContext(HttpMethod.POST, url, auth), null);
    }

    /** Ends the account's Account Activity subscription (app-only): after a move to the Activity API. */
    public Uni<XResponse> unsubscribe(String bearer, String webhookId, String userId) {
        String url = base + "/2/account_activity/webhooks/" + webhookId + "/subscriptions/" + userId + "/all";
        return send(bearer(HttpMethod.DELETE, url, bearer), null);
    }

    /** The accounts subscribed to the webhook through the Account Activity API (app-only). */
    public Uni<XResponse> accountActivitySubscriptions(String bearer, String webhookId) {
        String url = base + "/2/account_activity/webhooks/" + webhookId + "/subscriptions/all/list";
        return send(bearer(HttpMethod.GET, url, bearer), null);
    }

    /** {@code GET /2/activity/subscriptions} (app-only), one page; {@code paginationToken} for the next. */
    public Uni<XResponse> activitySubscriptions(String bearer, String paginationToken) {
        String url = base + "/2/activity/subscriptions?max_results=1000"
                + (paginationToken == null ? "" : "&pagination_token=" + paginationToken);
        return send(bearer(HttpMethod.GET, url, bearer), null);
    }

    /**
     * {@code POST /2/activity/subscriptions}: a private event ({@code dm.received}) is subscribed with the account's
     * own OAuth 2.0 token (x-api/activity/introduction: private events).
     */
    public Uni<XResponse> createActivitySubscription(XAuth auth, JsonObject subscription) {
        String url = base + "/2/activity/subscriptions";
        return send(userContext(HttpMethod.POST, url, auth), subscription);
    }

    /** {@code DELETE /2/activity/subscriptions/{id}} (app-only). */
    public Uni<XResponse> deleteActivitySubscription(String bearer, String subscriptionId) {
        return send(bearer(HttpMethod.DELETE, base + "/2/activity/subscriptions/" + subscriptionId, bearer), null);
    }

    private HttpRequest<Buffer> userContext(HttpMethod method, String url, XAuth auth) {
        return client.requestAbs(method, url).putHeader("Authorization", auth.header(method, url));
    }

    private HttpRequest<Buffer> bearer(HttpMethod method, String url, String token) {
        return client.requestAbs(method, url).putHeader("Authorization", "Bearer " + token);
    }

    private Uni<XResponse> send(HttpRequest<Buffer> request, JsonObject body) {
        request.timeout(callMillis);
        // a 5xx fails inside the breaker, so that it counts, and comes back as the answer it is
        return breaker.call(() -> (body == null ? request.send() : request.sendJsonObject(body)).map(XApi::answer)
                .invoke(response -> {
                    if (response.transientFailure()) {
                        throw new ServerError(response);
                    }
                }))
                .onFailure(ServerError.class).recoverWithItem(failure -> ((ServerError) failure).response);
    }

    private static final class ServerError extends RuntimeException {

        private final transient XResponse response;

        ServerError(XResponse response) {
            super("X answered " + response.status(), null, false, false);
            this.response = response;
        }
    }

    private static XResponse answer(HttpResponse<Buffer> response) {
        JsonObject body;
        try {
            String text = response.bodyAsString();
            body = text == null || text.isBlank() || !text.trim().startsWith("{") ? new JsonObject() : new JsonObject(text);
        } catch (RuntimeException e) {
            body = new JsonObject();
        }
        return new XResponse(response.statusCode(), body, number(response.getHeader("x-rate-limit-remaining")),
                reset(response.getHeader("x-rate-limit-reset")));
    }

    private static int number(String header) {
        try {
            return header == null ? -1 : Integer.parseInt(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Instant reset(String header) {
        try {
            return header == null ? null : Instant.ofEpochSecond(Long.parseLong(header.trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
