package omnichannel.gateway.service;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Delivery ids seen lately by this replica (the X Activity API's {@code event_uuid}, which X repeats when it delivers
 * an event again): a repeat is answered 200 without publishing. Bounded in size and age; a repeat that reaches another
 * replica, or comes later, is still taken once by the bridge, which keys every message by its DM id.
 */
public final class RecentEvents {

    private final Cache<String, Boolean> seen;

    public RecentEvents(long maximumSize, Duration keptFor) {
        this.seen = Caffeine.newBuilder().maximumSize(maximumSize).expireAfterWrite(keptFor).build();
    }

    /** Whether {@code scope}'s delivery {@code id} was taken already; never for a delivery without an id. */
    public boolean taken(String scope, String id) {
        return id != null && seen.getIfPresent(scope + ":" + id) != null;
    }

    /** The delivery is safely taken (published): a repeat may be skipped. Never before, or a retry could be lost. */
    public void remember(String scope, String id) {
        if (id != null) {
            seen.put(scope + ":" + id, Boolean.TRUE);
        }
    }
}
