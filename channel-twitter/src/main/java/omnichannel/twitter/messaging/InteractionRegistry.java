package omnichannel.twitter.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

import omnichannel.events.Channel;
import omnichannel.events.InteractionChanged;
import omnichannel.platform.interactions.InteractionDirectory;
import omnichannel.twitter.repository.TwitterStore;
import omnichannel.twitter.service.SubscriptionReconciler;
import omnichannel.twitter.service.WebhookRegistrar;

/**
 * The X interactions this service serves, from their changes (one group for all instances, the compacted topic read
 * from the start): keeps the set of POLLING interactions, registers the webhook and subscribes the account of each
 * active webhook one (Activity API or Account Activity API), and retires the subscriptions of one deleted,
 * deactivated or moved to polling. Each instance's cache is kept by the platform's own change consumer.
 */
@ApplicationScoped
public class InteractionRegistry {

    private final InteractionDirectory config;
    private final TwitterStore store;
    private final WebhookRegistrar registrar;
    private final SubscriptionReconciler reconciler;

    public InteractionRegistry(InteractionDirectory config, TwitterStore store, WebhookRegistrar registrar,
            SubscriptionReconciler reconciler) {
        this.config = config;
        this.store = store;
        this.registrar = registrar;
        this.reconciler = reconciler;
    }

    @Incoming("interaction-registry")
    public Uni<Void> registry(InteractionChanged change) {
        if (change == null || change.channel() != Channel.TWITTER_DM) {
            return Uni.createFrom().voidItem();
        }
        return config.fresh(change.interactionId()).chain(interaction -> {
            boolean live = interaction != null && interaction.active();
            if (live && interaction.polling()) {
                Log.infof("interaction=%s polls X for DMs", interaction.id());
            }
            Uni<Void> polling = store.polling(change.interactionId(), live && interaction.polling());
            if (live && !interaction.polling()) {
                return polling.chain(() -> registrar.ensure(interaction)).replaceWithVoid();
            }
            return polling.chain(() -> reconciler.reconcile(change.interactionId()));
        });
    }
}
