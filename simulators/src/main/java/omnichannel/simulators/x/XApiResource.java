package omnichannel.simulators.x;

import java.io.IOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The X API subset our system calls (providers.md §6) with X's rules: OAuth 1.0a user context checked by recomputing
 * the signature, app-only bearer tokens, a CRC against the URL before a webhook is registered, rate-limit headers on
 * every DM send and 429 above the window's budget.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class XApiResource {

    /** The app-only token this simulator hands out. */
    static final String BEARER = "local-x-app-only-token";

    private final XAccount account;
    private final XState state;
    private final XWebhookClient webhooks;

    private final XGrants grants;

    public XApiResource(XAccount account, XState state, XWebhookClient webhooks, XGrants grants) {
        this.grants = grants;
        this.account = account;
        this.state = state;
        this.webhooks = webhooks;
    }

    @POST
    @Path("oauth2/token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response token(@HeaderParam("Authorization") String authorization, String body) {
        if (!account.validBasic(authorization) || body == null || !body.contains("grant_type=client_credentials")) {
            return error(403, "Unable to verify your credentials");
        }
        return Response.ok(new JsonObject().put("token_type", "bearer").put("access_token", BEARER).encode()).build();
    }

    @POST
    @Path("2/webhooks")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> register(@HeaderParam("Authorization") String authorization, String body) {
        if (!("Bearer " + BEARER).equals(authorization)) {
            return Uni.createFrom().item(error(401, "Unauthorized"));
        }
        String url = new JsonObject(body == null || body.isBlank() ? "{}" : body).getString("url");
        if (url == null) {
            return Uni.createFrom().item(error(400, "url is required"));
        }
        if (state.webhookByUrl(url) != null) {
            return Uni.createFrom().item(error(409, "DuplicateUrlFailed: URL already registered"));
        }
        return webhooks.crc(url).map(valid -> {
            if (!valid) {
                return error(400, "CrcValidationFailed: the webhook did not answer the CRC");
            }
            XState.Webhook webhook = new XState.Webhook(state.nextId(), url, true, Instant.now());
            state.save(webhook);
            return Response.ok(new JsonObject().put("data", webhookJson(webhook)).encode()).build();
        });
    }

    @GET
    @Path("2/webhooks")
    public Response webhooks(@HeaderParam("Authorization") String authorization) {
        if (!("Bearer " + BEARER).equals(authorization)) {
            return error(401, "Unauthorized");
        }
        JsonArray data = new JsonArray();
        state.webhooks().forEach(w -> data.add(webhookJson(w)));
        return Response.ok(new JsonObject().put("data", data).encode()).build();
    }

    @PUT
    @Path("2/webhooks/{id}")
    public Uni<Response> recheck(@HeaderParam("Authorization") String authorization, @PathParam("id") String id) {
        XState.Webhook webhook = state.webhook(id);
        if (!("Bearer " + BEARER).equals(authorization)) {
            return Uni.createFrom().item(error(401, "Unauthorized"));
        }
        if (webhook == null) {
            return Uni.createFrom().item(error(404, "webhook " + id + " not found"));
        }
        return webhooks.crc(webhook.url()).map(valid -> {
            state.save(new XState.Webhook(webhook.id(), webhook.url(), valid, webhook.createdAt()));
            return valid
                    ? Response.ok(new JsonObject().put("data", new JsonObject().put("valid", true)).encode()).build()
                    : error(400, "CrcValidationFailed");
        });
    }

    @POST
    @Path("2/account_activity/webhooks/{id}/subscriptions/all")
    public Response subscribe(@HeaderParam("Authorization") String authorization, @PathParam("id") String id,
            @Context UriInfo uri) {
        if (!account.validUserContext(authorization, "POST", uri.getRequestUri().toString())) {
            return error(401, "Unauthorized: OAuth signature invalid");
        }
        if (state.webhook(id) == null) {
            return error(404, "webhook " + id + " not found");
        }
        if (!state.subscribe(id)) {
            return error(409, "DuplicateSubscriptionFailed");
        }
        return Response.ok(new JsonObject().put("data", new JsonObject().put("subscribed", true)).encode()).build();
    }

    /** Ends the account's Account Activity subscription on the webhook (app-only bearer). */
    @DELETE
    @Path("2/account_activity/webhooks/{id}/subscriptions/{user}/all")
    public Response unsubscribe(@HeaderParam("Authorization") String authorization, @PathParam("id") String id,
            @PathParam("user") String user) {
        if (!("Bearer " + BEARER).equals(authorization)) {
            return error(401, "Unauthorized");
        }
        if (state.failUnsubscribe()) {
            return error(503, "Service Unavailable");
        }
        if (!account.userId.equals(user) || !state.unsubscribe(id)) {
            return error(404, "no subscription of user " + user + " on webhook " + id);
        }
        return Response.ok(new JsonObject().put("data", new JsonObject().put("subscribed", false)).encode()).build();
    }

    /** The accounts subscribed to the webhook through the Account Activity API (app-only bearer). */
    @GET
    @Path("2/account_activity/webhooks/{id}/subscriptions/all/list")
    public Response accountActivitySubscriptions(@HeaderParam("Authorization") String authorization,
            @PathParam("id") String id) {
        if (!("Bearer " + BEARER).equals(authorization)) {
            return error(401, "Unauthorized");
        }
        XState.Webhook webhook = state.webhook(id);
        if (webhook == null) {
            return error(404, "webhook " + id + " not found");
        }
        JsonArray subscriptions = new JsonArray();
        if (state.subscribed(id)) {
            subscriptions.add(new JsonObject().put("user_id", account.userId));
        }
        return Response.ok(new JsonObject().put("data", new JsonObject().put("application_id", "29820954")
                .put("webhook_id", id).put("webhook_url", webhook.url()).put("subscriptions", subscriptions)).encode())
                .build();
    }

    @POST
    @Path("2/dm_conversations/with/{participant}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> sendDm(@HeaderParam("Authorization") String authorization,
            @PathParam("participant") String participant, @Context UriInfo uri, String body) {
        boolean valid = userContext(authorization, "POST", uri, "dm.write");
        if (!valid) {
            return Uni.createFrom().item(error(401, "Unauthorized: OAuth signature invalid"));
        }
        if (!state.takeBudget()) {
            return Uni.createFrom().item(limits(Response.status(429)
                    .entity(new JsonObject().put("title", "Too Many Requests").put("status", 429).encode())).build());
        }
        JsonObject dm = new JsonObject(body == null || body.isBlank() ? "{}" : body);
        String text = dm.getString("text");
        JsonArray attachments = dm.getJsonArray("attachments", new JsonArray());
        String mediaId = attachments.isEmpty() ? null : attachments.getJsonObject(0).getString("media_id");
        if ((text == null || text.isBlank()) && mediaId == null) {
            return Uni.createFrom().item(error(400, "text or attachments are required"));
        }
        if (attachments.size() > 1 || mediaId != null && state.media(mediaId) == null) {
            return Uni.createFrom().item(error(400, "one attachment of an uploaded media id at most"));
        }
        text = text == null ? "" : text;
        String id = state.nextId();
        state.sent(new XState.SentDm(id, participant, text, true, Instant.now(), mediaId));
        // X delivers the account's own messages to its webhook too (our gateway drops them)
        XState.DmEvent echo = new XState.DmEvent(id, account.userId, "Suporte", account.screenName, participant, text,
                Instant.now());
        state.add(echo);
        return webhooks.deliver(state.deliveryUrls(), echo)
                .chain(aaa -> webhooks.deliverActivity(state.activityTargets("dm.sent", account.userId), echo))
                .map(ignored -> limits(Response.status(201)
                        .entity(new JsonObject().put("data", new JsonObject()
                                .put("dm_conversation_id", account.userId + "-" + participant).put("dm_event_id", id))
                                .encode()))
                        .build());
    }

    /** A file for a DM ({@code dm_image}, {@code dm_gif}, {@code dm_video}), multipart, OAuth 1.0a user context. */
    @POST
    @Path("2/media/upload")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@HeaderParam("Authorization") String authorization, @Context UriInfo uri,
            @RestForm("media") FileUpload media,
            @RestForm("media_category") String category) throws IOException {
        if (!userContext(authorization, "POST", uri, "media.write")) {
            return error(401, "Unauthorized: OAuth signature invalid");
        }
        if (media == null || category == null
                || !category.matches("dm_image|dm_gif|dm_video|tweet_image|tweet_gif|tweet_video")) {
            return error(400, "media and a media_category are required");
        }
        byte[] content = Files.readAllBytes(media.uploadedFile());
        String id = state.nextId();
        state.uploaded(new XState.Media(id, category, media.contentType(), content.length, HexFormat.of()
                .formatHex(sha256(content))));
        return Response.ok(new JsonObject().put("data", new JsonObject().put("id", id).put("media_key", "3_" + id)
                .put("size", content.length).put("expires_after_secs", 86400)).encode()).build();
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @GET
    @Path("2/dm_events")
    public Response dmEvents(@HeaderParam("Authorization") String authorization, @Context UriInfo uri) {
        if (!account.validUserContext(authorization, "GET", uri.getRequestUri().toString())) {
            return error(401, "Unauthorized: OAuth signature invalid");
        }
        List<XState.DmEvent> events = state.events();
        JsonArray data = new JsonArray();
        JsonObject users = new JsonObject();
        for (XState.DmEvent e : events.subList(0, Math.min(100, events.size()))) {
            data.add(new JsonObject().put("id", e.id()).put("event_type", "MessageCreate").put("text", e.text())
                    .put("sender_id", e.senderId()).put("dm_conversation_id", account.userId + "-" + e.senderId())
                    .put("created_at", e.createdAt().toString()));
            users.put(e.senderId(), new JsonObject().put("id", e.senderId()).put("name", e.senderName())
                    .put("username", e.senderUsername()));
        }
        JsonArray userList = new JsonArray();
        users.forEach(entry -> userList.add(entry.getValue()));
        return Response.ok(new JsonObject().put("data", data).put("includes", new JsonObject().put("users", userList))
                .put("meta", new JsonObject().put("result_count", data.size())).encode())
                .header("x-rate-limit-limit", 15).header("x-rate-limit-remaining", 14)
                .header("x-rate-limit-reset", Instant.now().getEpochSecond() + XState.WINDOW_SECONDS).build();
    }

    /**
     * User context either way X accepts it: OAuth 1.0a (the signature recomputed) or an OAuth 2.0 user access token
     * (Bearer) that holds {@code scope}.
     */
    private boolean userContext(String authorization, String method, UriInfo uri, String scope) {
        if (authorization != null && authorization.startsWith("Bearer ")) {
            XGrants.Access access = grants.access(authorization.substring(7));
            return access != null && access.scopes().contains(scope);
        }
        return account.validUserContext(authorization, method, uri.getRequestUri().toString());
    }

    private Response.ResponseBuilder limits(Response.ResponseBuilder response) {
        return response.header("x-rate-limit-limit", state.remaining() + 1)
                .header("x-rate-limit-remaining", state.remaining())
                .header("x-rate-limit-reset", state.resetEpochSecond());
    }

    private static JsonObject webhookJson(XState.Webhook webhook) {
        return new JsonObject().put("id", webhook.id()).put("url", webhook.url()).put("valid", webhook.valid())
                .put("created_at", webhook.createdAt().toString());
    }

    private static Response error(int status, String detail) {
        return Response.status(status).entity(new JsonObject().put("title", detail).put("detail", detail)
                .put("status", status).encode()).type(MediaType.APPLICATION_JSON).build();
    }

    static Map<String, Object> summary(XState.SentDm dm, XState.Media media) {
        Map<String, Object> summary = new LinkedHashMap<>(Map.of("dmEventId", dm.dmEventId(), "to", dm.to(),
                "text", dm.text(), "signatureValid", dm.signatureValid(), "at", dm.at().toString()));
        if (media != null) {
            summary.put("media", media);
        }
        return summary;
    }
}
