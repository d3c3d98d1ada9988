package omnichannel.platform.interactions;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.quarkus.logging.Log;

import omnichannel.events.InteractionChanged;

/**
 * Drops a changed interaction from this instance's {@link InteractionDirectory}. Channel {@code interaction-changes}
 * (configured by this library: a group of its own per instance, read from the start of the compacted topic, so a pod
 * that starts after a change still hears of it).
 */
@ApplicationScoped
public class InteractionChanges {

    private final InteractionDirectory directory;

    public InteractionChanges(InteractionDirectory directory) {
        this.directory = directory;
    }

    @Incoming("interaction-changes")
    public void changed(InteractionChanged change) {
        if (change == null) {
            return;
        }
        Log.debugf("interaction %s %s, dropped from the cache", change.interactionId(), change.change());
        directory.invalidate(change.interactionId());
    }
}
