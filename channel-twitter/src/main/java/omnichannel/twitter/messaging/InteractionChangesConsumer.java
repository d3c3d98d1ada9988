package omnichannel.twitter.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

import omnichannel.events.Channel;
import omnichannel.events.InteractionChanged;
import omnichannel.twitter.client.ConfigServiceClient;
import omnichannel.twitter.service.TwitterStore;
import omnichannel.twitter.service.WebhookRegistrar;

/**
 * Interaction changes: every instance drops the changed interaction from its cache; the registry consumer (one group,
 * the compacted topic read from the start) keeps the set of POLLING interactions and registers the webhook of each
 * active WEBHOOK one.
 */
@ApplicationScoped
public class InteractionChangesConsumer {

    private final Cache interactions;
    private final ConfigServiceClient config;
    private final TwitterStore store;
    private final WebhookRegistrar registrar;

    public InteractionChangesConsumer(@CacheName("interactions") Cache interactions, ConfigServiceClient config,
            TwitterStore store, WebhookRegistrar registrar) {
        this.interactions = interactions;
        this.config = config;
        this.store = store;
        this.registrar = registrar;
    }

    @Incoming("interaction-changes")
    public Uni<Void> changed(InteractionChanged change) {
        return interactions.invalidate(change.interactionId());
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
