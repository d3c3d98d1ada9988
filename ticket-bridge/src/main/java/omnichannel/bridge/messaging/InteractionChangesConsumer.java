package omnichannel.bridge.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

import omnichannel.events.InteractionChanged;

/** Drops an interaction from this instance's cache when config-service says it changed. */
@ApplicationScoped
public class InteractionChangesConsumer {

    private final Cache interactions;

    public InteractionChangesConsumer(@CacheName("interactions") Cache interactions) {
        this.interactions = interactions;
    }

    @Incoming("interaction-changes")
    public Uni<Void> changed(InteractionChanged change) {
        Log.debugf("interaction %s %s, dropped from the cache", change.interactionId(), change.change());
        return interactions.invalidate(change.interactionId());
    }
}
