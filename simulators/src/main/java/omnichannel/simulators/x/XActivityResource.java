package omnichannel.simulators.x;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The X Activity API's subscription endpoints (x-api/activity, openapi.json): create with an app-only bearer token for
 * public events and the user's OAuth 2.0 token for private ones ({@code dm.*} need {@code dm.read}); list and delete
 * with the app-only token. Errors in X's problem shape. X documents nothing about duplicates: this simulator
 * accepts them (a second subscription), so a client that creates duplicates is seen doing it.
 */
@Path("/2/activity/subscriptions")
@Produces(MediaType.APPLICATION_JSON)
public class XActivityResource {

    private static final Set<String> PRIVATE = Set.of("dm.received", "dm.sent", "dm.read", "dm.indicate_typing",
            "chat.received", "chat.sent", "like.create");
    private static final Set<String> PUBLIC = Set.of("profile.update.bio", "post.create", "post.delete",
            "follow.follow", "follow.unfollow");

    private final XState state;
    private final XGrants grants;
    private final XAccount account;

    public XActivityResource(XState state, XGrants grants, XAccount account) {
        this.state = state;
        this.grants = grants;
        this.account = account;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@HeaderParam("Authorization") String authorization, String body) {
        boolean appOnly = ("Bearer " + XApiResource.BEARER).equals(authorization);
        XGrants.Access user = authorization != null && authorization.startsWith("Bearer ")
                ? grants.access(authorization.substring(7))
                : null;
        if (!appOnly && user == null) {
            return problem(401, "about:blank", "Unauthorized", "Unauthorized");
        }
        JsonObject request;
        try {
            request = new JsonObject(body == null || body.isBlank() ? "{}" : body);
        } catch (RuntimeException e) {
            return problem(400, "https://api.x.com/2/problems/invalid-request", "Invalid Request", "body is not JSON");
        }
        String eventType = request.getString("event_type");
        JsonObject filter = request.getJsonObject("filter");
        String userId = filter == null ? null : filter.getString("user_id");
        String tag = request.getString("tag");
        String webhookId = request.getString("webhook_id");
        if (eventType == null || !(PRIVATE.contains(eventType) || PUBLIC.contains(eventType))) {
            return problem(400, "https://api.x.com/2/problems/invalid-request", "Invalid Request",
                    "event_type is not a supported event type");
        }
        if (userId == null || !userId.matches("\\d{1,19}")) {
            return problem(400, "https://api.x.com/2/problems/invalid-request", "Invalid Request",
                    "filter.user_id is required");
        }
        if (tag != null && (tag.isEmpty() || tag.length() > 200)) {
            return problem(400, "https://api.x.com/2/problems/invalid-request", "Invalid Request",
                    "tag must be 1 to 200 characters");
        }
        if (webhookId != null && state.webhook(webhookId) == null) {
            return problem(400, "https://api.x.com/2/problems/invalid-request", "Invalid Request",
                    "webhook_id is not a webhook of this app");
        }
        if (PRIVATE.contains(eventType) && (user == null || !user.scopes().contains("dm.read")
                || !userId.equals(account.userId))) {
            // private events only for users who authorized the app, with the scope (introduction: privacy)
            return problem(403, "https://api.x.com/2/problems/not-authorized-for-resource", "Forbidden",
                    "private events need the user's OAuth 2.0 token with the event's scope");
        }
        XState.Subscription subscription = new XState.Subscription(state.nextId(), eventType, userId, tag, webhookId,
                Instant.now());
        state.add(subscription);
        return Response.ok(new JsonObject().put("data", new JsonObject().put("subscription", json(subscription)))
                .encode()).build();
    }

    @GET
    public Response list(@HeaderParam("Authorization") String authorization) {
        if (!("Bearer " + XApiResource.BEARER).equals(authorization)) {
            return problem(401, "about:blank", "Unauthorized", "Unauthorized");
        }
        List<XState.Subscription> all = state.subscriptions();
        JsonArray data = new JsonArray();
        all.forEach(s -> data.add(json(s)));
        return Response.ok(new JsonObject().put("data", data)
                .put("meta", new JsonObject().put("total_subscriptions", all.size())).encode()).build();
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@HeaderParam("Authorization") String authorization, @PathParam("id") String id) {
        if (!("Bearer " + XApiResource.BEARER).equals(authorization)) {
            return problem(401, "about:blank", "Unauthorized", "Unauthorized");
        }
        if (!state.removeSubscription(id)) {
            return problem(404, "https://api.x.com/2/problems/resource-not-found", "Not Found Error",
                    "no subscription " + id);
        }
        return Response.ok(new JsonObject().put("data", new JsonObject().put("deleted", true)).encode()).build();
    }

    private static JsonObject json(XState.Subscription s) {
        JsonObject json = new JsonObject().put("subscription_id", s.id()).put("event_type", s.eventType())
                .put("filter", new JsonObject().put("user_id", s.userId())).put("created_at", s.createdAt().toString())
                .put("updated_at", s.createdAt().toString());
        if (s.tag() != null) {
            json.put("tag", s.tag());
        }
        if (s.webhookId() != null) {
            json.put("webhook_id", s.webhookId());
        }
        return json;
    }

    private static Response problem(int status, String type, String title, String detail) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new JsonObject()
                .put("errors", new JsonArray().add(new JsonObject().put("type", type).put("title", title)
                        .put("detail", detail)))
                .put("title", title).put("detail", detail).put("type", type).put("status", status).encode()).build();
    }
}
