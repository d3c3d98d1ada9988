package omnichannel.twitter.service;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import omnichannel.platform.interactions.InternalInteraction;
import omnichannel.twitter.client.XApi;
import omnichannel.twitter.client.XAuth;
import omnichannel.twitter.client.XResponse;
import omnichannel.twitter.client.XUserTokens;

/**
 * An interaction's X Activity API subscription (x-api/activity): {@code dm.received} for the account's user id,
 * delivered to the interaction's webhook, tagged {@code omnichannel:<interaction id>} so that ours are told apart from
 * anyone else's (which are left alone). {@code dm.sent} is not subscribed: it would bring back only the account's own
 * sends, which the gateway drops. Created with the account's OAuth 2.0 token (a private event), listed and deleted
 * with the app-only token, as X's reference gives the security of each endpoint.
 */
@ApplicationScoped
public class ActivitySubscriptions {

    static final String EVENT = "dm.received";
    static final String TAG_PREFIX = "omnichannel:";
    /** Pages of 1,000: a self-serve app holds at most 1,500 subscriptions; the bound stops a pagination loop. */
    private static final int MAX_PAGES = 200;

    private final XApi api;
    private final XUserTokens tokens;

    public ActivitySubscriptions(XApi api, XUserTokens tokens) {
        this.api = api;
        this.tokens = tokens;
    }

    static String tag(String interactionId) {
        return TAG_PREFIX + interactionId;
    }

    /**
     * Makes the account's subscription exist exactly once on {@code webhookId}: listed first, created when missing,
     * ours on another webhook or account (a changed callback URL or user id) deleted. Null when it holds, else what X
     * answered.
     */
    public Uni<String> ensure(InternalInteraction interaction, String bearer, String webhookId) {
        return list(bearer).chain(all -> {
            List<JsonObject> ours = all.stream().filter(s -> tag(interaction.id()).equals(s.getString("tag"))).toList();
            List<JsonObject> right = ours.stream().filter(s -> EVENT.equals(s.getString("event_type"))
                    && webhookId.equals(s.getString("webhook_id"))
                    && interaction.twitterUserId().equals(s.getJsonObject("filter", new JsonObject()).getString("user_id")))
                    .toList();
            List<String> extra = new ArrayList<>();
            ours.stream().filter(s -> !right.contains(s) || right.indexOf(s) > 0)
                    .forEach(s -> extra.add(s.getString("subscription_id")));
            Uni<Void> cleanup = delete(bearer, extra);
            if (!right.isEmpty()) {
                return cleanup.replaceWith((String) null);
            }
            JsonObject subscription = new JsonObject().put("event_type", EVENT)
                    .put("filter", new JsonObject().put("user_id", interaction.twitterUserId()))
                    .put("tag", tag(interaction.id())).put("webhook_id", webhookId);
            return cleanup.chain(() -> tokens.accessToken(interaction.id()))
                    .chain(token -> api.createActivitySubscription(XAuth.bearer(token), subscription))
                    .map(answer -> {
                        if (answer.ok()) {
                            Log.infof("X Activity API subscription %s created interaction=%s", id(answer),
                                    interaction.id());
                            return (String) null;
                        }
                        if (answer.status() == 401) {
                            tokens.invalidate(interaction.id());
                        }
                        return "creating the Activity API subscription: " + answer.reason();
                    })
                    .onFailure(XUserTokens.NotConnected.class).recoverWithItem(Throwable::getMessage);
        });
    }

    /** Deletes every subscription of ours for the interaction (it was deleted, deactivated or left the mode). */
    public Uni<Void> deleteAll(String interactionId, String bearer) {
        return list(bearer).chain(all -> delete(bearer, all.stream()
                .filter(s -> tag(interactionId).equals(s.getString("tag")))
                .map(s -> s.getString("subscription_id")).toList()));
    }

    /** Every subscription of the app, page after page ({@code meta.next_token}). */
    Uni<List<JsonObject>> list(String bearer) {
        return page(bearer, null, new ArrayList<>(), 0);
    }

    private Uni<List<JsonObject>> page(String bearer, String token, List<JsonObject> into, int pages) {
        return api.activitySubscriptions(bearer, token).chain(answer -> {
            if (!answer.ok()) {
                return Uni.createFrom().failure(new WebhookRegistrar.RegistrationFailed(
                        "listing the Activity API subscriptions: " + answer.reason()));
            }
            JsonArray data = answer.body().getJsonArray("data", new JsonArray());
            data.forEach(item -> {
                if (item instanceof JsonObject subscription) {
                    into.add(subscription);
                }
            });
            String next = answer.body().getJsonObject("meta", new JsonObject()).getString("next_token");
            return next == null || data.isEmpty() || pages >= MAX_PAGES
                    ? Uni.createFrom().item(into)
                    : page(bearer, next, into, pages + 1);
        });
    }

    private Uni<Void> delete(String bearer, List<String> ids) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String id : ids) {
            chain = chain.chain(() -> api.deleteActivitySubscription(bearer, id)
                    .invoke(answer -> Log.infof("X Activity API subscription %s deleted: %d", id, answer.status()))
                    .replaceWithVoid());
        }
        return chain;
    }

    /** The new subscription's id: X's reference nests it in {@code data.subscription}, its quickstart not. */
    private static String id(XResponse answer) {
        JsonObject data = answer.body().getJsonObject("data", new JsonObject());
        JsonObject nested = data.getJsonObject("subscription");
        return nested != null ? nested.getString("subscription_id") : data.getString("subscription_id");
    }
}
