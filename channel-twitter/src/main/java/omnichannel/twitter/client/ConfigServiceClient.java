package omnichannel.twitter.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.quarkus.cache.CacheResult;
import io.smallrye.mutiny.Uni;

/** Reads interactions (with their credentials) from config-service's internal API; null when gone. */
@ApplicationScoped
public class ConfigServiceClient {

    private final InternalInteractionsApi api;

    public ConfigServiceClient(@RestClient InternalInteractionsApi api) {
        this.api = api;
    }

    @CacheResult(cacheName = "interactions")
    public Uni<Interaction> interaction(String id) {
        return fresh(id);
    }

    /** Read now, not from the cache: after a change event. */
    public Uni<Interaction> fresh(String id) {
        return api.get(id).onFailure(e -> e instanceof WebApplicationException w && w.getResponse().getStatus() == 404)
                .recoverWithNull();
    }
}
