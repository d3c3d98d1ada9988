package omnichannel.twitter.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import omnichannel.events.Channel;
import omnichannel.platform.interactions.InteractionDirectory;
import omnichannel.platform.interactions.InternalInteraction;
import omnichannel.platform.x.XCredentials;
import omnichannel.twitter.Registration;
import omnichannel.twitter.client.XApi;
import omnichannel.twitter.client.XResponse;
import omnichannel.twitter.repository.TwitterStore;

/**
 * Registers a WEBHOOK interaction's callback URL with X (which runs a CRC against our gateway before it answers) and
 * subscribes the account, keeping what X answered where admins can read it. A registration or subscription that
 * already exists counts as success.
 */
@ApplicationScoped
public class WebhookRegistrar {

    private final InteractionDirectory interactions;
    private final XApi api;
    private final TwitterStore store;

    public WebhookRegistrar(InteractionDirectory interactions, XApi api, TwitterStore store) {
        this.interactions = interactions;
        this.api = api;
        this.store = store;
    }

    /** Registers and subscribes unless X already has this URL registered, valid and subscribed. */
    public Uni<Registration> ensure(InternalInteraction interaction) {
        return store.registration(interaction.id()).chain(current -> {
            if (current != null && current.valid() && current.subscribed()
                    && current.url().equals(interaction.callbackUrl())) {
                return Uni.createFrom().item(current);
            }
            return register(interaction);
        });
    }

    /** Registers the interaction's webhook now, whatever was known before. Null when it is not a WEBHOOK one. */
    public Uni<Registration> register(String interactionId) {
        return interactions.fresh(interactionId).chain(interaction -> {
            if (interaction == null || interaction.channel() != Channel.TWITTER_DM || interaction.polling()) {
                return Uni.createFrom().nullItem();
            }
            return register(interaction);
        });
    }

    private Uni<Registration> register(InternalInteraction interaction) {
        String url = interaction.callbackUrl();
        return bearer(interaction).chain(bearer -> api.registerWebhook(bearer, url).chain(answer -> {
            if (answer.ok()) {
                JsonObject data = answer.body().getJsonObject("data", new JsonObject());
                return Uni.createFrom().item(new Found(data.getString("id"), data.getBoolean("valid", true)));
            }
            // already registered (X answers 400/409 for a duplicate URL): find it among the app's webhooks
            return api.webhooks(bearer).map(list -> existing(list, url))
                    .onItem().ifNull().failWith(() -> new RegistrationFailed("registering the webhook: " + answer.reason()));
        })).chain(found -> subscribe(interaction, found))
                .onFailure(RegistrationFailed.class).recoverWithUni(failure -> {
                    Log.warnf("X webhook registration failed interaction=%s: %s", interaction.id(), failure.getMessage());
                    return store.save(new Registration(interaction.id(), null, url, false, false, failure.getMessage(),
                            Instant.now()));
                })
                .onFailure().recoverWithUni(failure -> store.save(new Registration(interaction.id(), null, url, false,
                        false, "X unreachable: " + failure.getMessage(), Instant.now())));
    }

    private Uni<Registration> subscribe(InternalInteraction interaction, Found webhook) {
        return api.subscribe(XCredentials.of(interaction), webhook.id()).chain(answer -> {
            boolean subscribed = answer.ok() || answer.status() == 409 || answer.reason().contains("DuplicateSubscription");
            Registration registration = new Registration(interaction.id(), webhook.id(), interaction.callbackUrl(),
                    webhook.valid(), subscribed, subscribed ? null : "subscribing the account: " + answer.reason(),
                    Instant.now());
            Log.infof("X webhook %s for interaction=%s valid=%s subscribed=%s", webhook.id(), interaction.id(),
                    webhook.valid(), subscribed);
            return store.save(registration);
        });
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
                                    answer.ok() ? null : "CRC check: " + answer.reason(), Instant.now())))
                            .onFailure(RegistrationFailed.class).recoverWithUni(failure -> store.save(new Registration(
                                    interactionId, current.webhookId(), current.url(), false, current.subscribed(),
                                    failure.getMessage(), Instant.now()))));
        });
    }

    private Uni<String> bearer(InternalInteraction interaction) {
        return api.bearerToken(XCredentials.of(interaction)).map(answer -> {
            String token = answer.ok() ? answer.body().getString("access_token") : null;
            if (token == null) {
                throw new RegistrationFailed("app-only token: " + answer.reason());
            }
            return token;
        });
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
