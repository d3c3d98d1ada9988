package omnichannel.whatsapp.client;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.quarkus.cache.CacheResult;
import io.smallrye.mutiny.Uni;

/** Reads interactions, with their credentials, from config-service's internal API. */
@ApplicationScoped
public class ConfigServiceClient {

    private final InternalInteractionsApi api;

    public ConfigServiceClient(@RestClient InternalInteractionsApi api) {
        this.api = api;
    }

    @CacheResult(cacheName = "interactions")
    public Uni<Interaction> interaction(String id) {
        return api.get(id);
    }
}
