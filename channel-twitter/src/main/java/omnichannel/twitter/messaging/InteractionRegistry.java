package omnichannel.twitter.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

import omnichannel.events.Channel;
import omnichannel.events.InteractionChanged;
import omnichannel.platform.interactions.InteractionDirectory;
import omnichannel.twitter.repository.TwitterStore;
import omnichannel.twitter.service.WebhookRegistrar;

/**
 * The X interactions this service serves, from their changes (one group for all instances, the compacted topic read
 * from the start): keeps the set of POLLING interactions and registers the webhook of each active WEBHOOK one. Each
 * instance's cache is kept by the platform's own change consumer.
 */
@ApplicationScoped
public class InteractionRegistry {

    private final InteractionDirectory config;
    private final TwitterStore store;
    private final WebhookRegistrar registrar;

    public InteractionRegistry(InteractionDirectory config, TwitterStore store, WebhookRegistrar registrar) {
        this.config = config;
        this.store = store;
        this.registrar = registrar;
    }

    @Incoming("interaction-registry")
    public Uni<Void> registry(InteractionChanged change) {
        if (change == null || change.channel() != Channel.TWITTER_DM) {
            return Uni.createFrom().voidItem();
        }
        return config.fresh(change.interactionId()).chain(interaction -> {
            if (interaction == null || !interaction.active()) {
                return store.polling(change.interactionId(), false);
            }
            if (interaction.polling()) {
                Log.infof("interaction=%s polls X for DMs", interaction.id());
                return store.polling(interaction.id(), true);
            }
            return store.polling(interaction.id(), false).chain(() -> registrar.ensure(interaction)).replaceWithVoid();
        });
    }
}
