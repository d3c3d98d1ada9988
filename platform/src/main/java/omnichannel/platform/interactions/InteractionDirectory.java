package omnichannel.platform.interactions;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

import omnichannel.platform.config.PlatformConfig;
import omnichannel.platform.resilience.DependencyBreaker;

/**
 * Interactions and 4biz parameters from config-service, cached, so that a config-service outage does not stop traffic
 * and a flood of made-up ids neither reaches it nor grows memory: the one client every service uses. Not found is a
 * null item; any other failure is {@link ConfigServiceUnavailable} (transient).
 */
@ApplicationScoped
public class InteractionDirectory {

    private static final Object PARAMETERS = new Object();

    private final InternalApi api;
    /** config-service's breaker: every failure but a 404 (an answer: no such interaction) counts. */
    private final DependencyBreaker breaker;
    private final Cache<String, InternalInteraction> known;
    private final Cache<String, Boolean> unknown;
    private final Cache<Object, Map<Integer, String>> parameters;

    public InteractionDirectory(@RestClient InternalApi api, PlatformConfig config, MeterRegistry metrics) {
        PlatformConfig.Interactions settings = config.interactions();
        this.api = api;
        this.breaker = new DependencyBreaker("config-service", failure -> !notFound(failure), metrics);
        this.known = Caffeine.newBuilder().maximumSize(settings.maxSize()).expireAfterWrite(settings.ttl()).build();
        this.unknown = Caffeine.newBuilder().maximumSize(settings.maxSize()).expireAfterWrite(settings.unknownTtl())
                .build();
        this.parameters = Caffeine.newBuilder().maximumSize(1).expireAfterWrite(settings.parametersTtl()).build();
    }

    /** The interaction, or null when config-service has none (deleted or never created). */
    public Uni<InternalInteraction> interaction(String id) {
        if (!InteractionIds.isWellFormed(id)) {
            return Uni.createFrom().nullItem();
        }
        InternalInteraction cached = known.getIfPresent(id);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        if (unknown.getIfPresent(id) != null) {
            return Uni.createFrom().nullItem();
        }
        return fresh(id);
    }

    /** Read now, not from the cache (after a change event); the answer refreshes the cache. */
    public Uni<InternalInteraction> fresh(String id) {
        return breaker.call(() -> api.interaction(id))
                .onFailure(InteractionDirectory::notFound).recoverWithNull()
                .onFailure().transform(ConfigServiceUnavailable::new)
                .invoke(found -> {
                    if (found == null) {
                        known.invalidate(id);
                        unknown.put(id, Boolean.TRUE);
                    } else {
                        unknown.invalidate(id);
                        known.put(id, found);
                    }
                });
    }

    /** The 4biz parameters' values by id, re-read after a short while (they change rarely and carry no event). */
    public Uni<Map<Integer, String>> parameters() {
        Map<Integer, String> cached = parameters.getIfPresent(PARAMETERS);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        return freshParameters();
    }

    /** The parameters read now, not from the cache: whether config-service answers (a dependency health check). */
    public Uni<Map<Integer, String>> freshParameters() {
        return breaker.call(api::parameters).onFailure().transform(ConfigServiceUnavailable::new)
                .invoke(values -> parameters.put(PARAMETERS, Map.copyOf(values)));
    }

    /** Forgets what is known of an interaction; the next read asks config-service. */
    public void invalidate(String id) {
        known.invalidate(id);
        unknown.invalidate(id);
    }

    private static boolean notFound(Throwable failure) {
        return failure instanceof WebApplicationException w && w.getResponse().getStatus() == 404;
    }
}
