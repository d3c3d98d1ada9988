package omnichannel.twitter.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import omnichannel.events.Channel;
import omnichannel.platform.interactions.DeliveryMode;
import omnichannel.platform.interactions.InteractionDirectory;
import omnichannel.platform.interactions.InternalInteraction;
import omnichannel.platform.x.XCredentials;
import omnichannel.twitter.Registration;
import omnichannel.twitter.client.XApi;
import omnichannel.twitter.client.XAuth;
import omnichannel.twitter.client.XResponse;
import omnichannel.twitter.repository.TwitterStore;

/**
 * Registers a webhook interaction's callback URL with X's V2 Webhooks API (X runs a CRC against our gateway before it
 * answers; an existing registration of the URL is reused) and subscribes the account: through the X Activity API
 * ({@link ActivitySubscriptions}) in the ACTIVITY_API mode, through the deprecated Account Activity API otherwise.
 * What X answered is kept where admins can read it. Work on one interaction's subscriptions runs under a lock shared by
 * the replicas.
 */
@ApplicationScoped
public class WebhookRegistrar {

    private final InteractionDirectory interactions;
    private final XApi api;
    private final TwitterStore store;
    private final ActivitySubscriptions activity;

    public WebhookRegistrar(InteractionDirectory interactions, XApi api, TwitterStore store,
            ActivitySubscriptions activity) {
        this.interactions = interactions;
        this.api = api;
        this.store = store;
        this.activity = activity;
    }

    /** Registers and subscribes unless X already has this URL registered, valid and subscribed in this mode. */
    public Uni<Registration> ensure(InternalInteraction interaction) {
        return store.registration(interaction.id()).chain(current -> {
            if (current != null && current.valid() && current.subscribed()
                    && current.url().equals(interaction.callbackUrl()) && mode(interaction).equals(current.mode())
                    && !interaction.activityApi()) {
                return Uni.createFrom().item(current);
            }
            // the Activity API's subscriptions are listed every time (one deleted on X's side is recreated), but a
            // webhook X already validated for this URL is not registered again each round: X's webhook endpoints
            // have small rate limits; "Registrar de novo" (register) still does it
            // (after any failed round it is registered or found again: that heals a webhook deleted at X)
            boolean known = current != null && current.webhookId() != null && current.valid() && current.subscribed()
                    && current.url().equals(interaction.callbackUrl()) && mode(interaction).equals(current.mode());
            return register(interaction, known ? new Found(current.webhookId(), true) : null);
        });
    }

    /** Registers the interaction's webhook now, whatever was known before. Null when it has no webhook. */
    public Uni<Registration> register(String interactionId) {
        return interactions.fresh(interactionId).chain(interaction -> {
            if (interaction == null || interaction.channel() != Channel.TWITTER_DM || interaction.polling()) {
                return Uni.createFrom().nullItem();
            }
            return register(interaction, null);
        });
    }

    /** @param known the webhook X already validated for the URL, or null to register (or find) it now */
    private Uni<Registration> register(InternalInteraction interaction, Found known) {
        String url = interaction.callbackUrl();
        return store.exclusively("x-subscriptions:" + interaction.id(), true, () -> bearer(interaction)
                .chain(bearer -> (known != null ? Uni.createFrom().item(known) : webhook(bearer, url))
                        .chain(found -> subscribe(interaction, bearer, found))))
                .onFailure(RegistrationFailed.class).recoverWithUni(failure -> {
                    Log.warnf("X webhook registration failed interaction=%s: %s", interaction.id(), failure.getMessage());
                    return store.save(new Registration(interaction.id(), null, url, false, false, failure.getMessage(),
                            Instant.now(), mode(interaction)));
                })
                .onFailure().recoverWithUni(failure -> store.save(new Registration(interaction.id(), null, url, false,
                        false, "X unreachable: " + failure.getMessage(), Instant.now(), mode(interaction))));
    }

    /** The app's webhook for {@code url}: registered now, or found among the app's webhooks when it already was. */
    private Uni<Found> webhook(String bearer, String url) {
        return api.registerWebhook(bearer, url).chain(answer -> {
            if (answer.ok()) {
                JsonObject data = answer.body().getJsonObject("data", new JsonObject());
                return Uni.createFrom().item(new Found(data.getString("id"), data.getBoolean("valid", true)));
            }
            // already registered (X answers 400/409 DuplicateUrlFailed): find it among the app's webhooks
            return api.webhooks(bearer).map(list -> existing(list, url))
                    .onItem().ifNull().failWith(() -> new RegistrationFailed("registering the webhook: " + answer.reason()));
        });
    }

    private Uni<Registration> subscribe(InternalInteraction interaction, String bearer, Found webhook) {
        Uni<String> problem = interaction.activityApi()
                ? activity.ensure(interaction, bearer, webhook.id())
                        // moved from the Account Activity API: its subscription ends only once the new one exists, so a
                        // DM sent meanwhile arrives by one way or both (the bridge takes a DM id once)
                        .call(error -> error == null
                                ? leaveAccountActivity(interaction, bearer, webhook.id())
                                : Uni.createFrom().voidItem())
                : api.subscribe(XAuth.oauth1(XCredentials.of(interaction)), webhook.id()).map(answer -> answer.ok()
                        || answer.status() == 409 || answer.reason().contains("DuplicateSubscription")
                                ? null
                                : "subscribing the account: " + answer.reason());
        return problem.chain(error -> {
            Registration registration = new Registration(interaction.id(), webhook.id(), interaction.callbackUrl(),
                    webhook.valid(), error == null, error, Instant.now(), mode(interaction));
            Log.infof("X webhook %s for interaction=%s valid=%s subscribed=%s mode=%s", webhook.id(), interaction.id(),
                    webhook.valid(), error == null, registration.mode());
            return store.save(registration);
        });
    }

    /**
     * Ends the account's Account Activity subscription on the webhook, if X still lists one: asked at every
     * reconciliation, so a move caught half-way (X unreachable) finishes later.
     */
    private Uni<Void> leaveAccountActivity(InternalInteraction interaction, String bearer, String webhookId) {
        String userId = interaction.twitterUserId();
        return api.accountActivitySubscriptions(bearer, webhookId).chain(list -> {
            JsonArray subscribed = list.body().getJsonObject("data", new JsonObject()).getJsonArray("subscriptions",
                    new JsonArray());
            boolean stillThere = subscribed.stream().anyMatch(s -> s instanceof JsonObject o
                    && userId.equals(o.getString("user_id")));
            if (!list.ok() || !stillThere) {
                return Uni.createFrom().voidItem();
            }
            return api.unsubscribe(bearer, webhookId, userId).invoke(answer -> {
                if (answer.ok()) {
                    Log.infof("Account Activity subscription ended after the move to the Activity API interaction=%s",
                            interaction.id());
                } else {
                    Log.warnf("X did not end the Account Activity subscription (HTTP %d) interaction=%s: asked again "
                            + "at the next round", answer.status(), interaction.id());
                }
            }).replaceWithVoid();
        }).onFailure().invoke(e -> Log.warnf("Account Activity subscription of interaction=%s not ended now (the next "
                + "reconciliation tries again): %s", interaction.id(), e.getMessage()))
                .onFailure().recoverWithNull();
    }

    /**
     * The interaction no longer takes webhook deliveries (deleted, deactivated, now polling): its Activity API
     * subscriptions are deleted and it is no longer reconciled. {@code interaction} may be a deleted one.
     */
    public Uni<Void> retire(InternalInteraction interaction) {
        return store.exclusively("x-subscriptions:" + interaction.id(), true, () -> bearer(interaction)
                .chain(bearer -> activity.deleteAll(interaction.id(), bearer))
                .onFailure().invoke(e -> Log.warnf("X subscriptions of interaction=%s not deleted now (the scheduled "
                        + "sweep tries again): %s", interaction.id(), e.getMessage()))
                .onFailure().recoverWithNull()
                .chain(() -> store.forget(interaction.id())));
    }

    /** Asks X to run the CRC again ({@code PUT /2/webhooks/{id}}) and records whether it passed. */
    public Uni<Registration> recheck(String interactionId) {
        return store.registration(interactionId).chain(current -> {
            if (current == null || current.webhookId() == null) {
                return Uni.createFrom().nullItem();
            }
            return interactions.fresh(interactionId).chain(interaction -> interaction == null
                    ? Uni.createFrom().nullItem()
                    : bearer(interaction).chain(bearer -> api.recheckWebhook(bearer, current.webhookId()))
                            .chain(answer -> store.save(new Registration(interactionId, current.webhookId(),
                                    current.url(), answer.ok(), current.subscribed(),
                                    answer.ok() ? null : "CRC check: " + answer.reason(), Instant.now(),
                                    current.mode())))
                            .onFailure(RegistrationFailed.class).recoverWithUni(failure -> store.save(new Registration(
                                    interactionId, current.webhookId(), current.url(), false, current.subscribed(),
                                    failure.getMessage(), Instant.now(), current.mode()))));
        });
    }

    /** The X app's app-only bearer token (the app's key and secret): webhooks and subscription lists. */
    Uni<String> bearer(InternalInteraction interaction) {
        return api.bearerToken(XCredentials.of(interaction)).map(answer -> {
            String token = answer.ok() ? answer.body().getString("access_token") : null;
            if (token == null) {
                throw new RegistrationFailed("app-only token: " + answer.reason());
            }
            return token;
        });
    }

    private static String mode(InternalInteraction interaction) {
        return interaction.activityApi() ? DeliveryMode.ACTIVITY_API.name() : DeliveryMode.ACCOUNT_ACTIVITY.name();
    }

    private static Found existing(XResponse list, String url) {
        JsonArray data = list.body().getJsonArray("data", new JsonArray());
        for (Object item : data) {
            if (item instanceof JsonObject webhook && url.equals(webhook.getString("url"))) {
                return new Found(webhook.getString("id"), webhook.getBoolean("valid", false));
            }
        }
        return null;
    }

    private record Found(String id, boolean valid) {
    }

    static class RegistrationFailed extends RuntimeException {

        RegistrationFailed(String message) {
            super(message);
        }
    }
}
