package omnichannel.gateway.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.quarkus.cache.CacheResult;
import io.smallrye.mutiny.Uni;

/** Reads interactions from config-service's internal API. */
@ApplicationScoped
public class ConfigServiceClient {

    private final InternalInteractionsApi api;

    public ConfigServiceClient(@RestClient InternalInteractionsApi api) {
        this.api = api;
    }

    /**
     * The interaction, or null when config-service says there is none. Any other failure (config-service down or
     * slow) fails the Uni with {@link ConfigServiceUnavailable}, which is not the provider's fault.
     * Cached, so a config-service outage does not stop webhooks for known interactions; dropped on a change event.
     */
    @CacheResult(cacheName = "interactions")
    public Uni<Interaction> interaction(String id) {
        return api.get(id)
                .onFailure(e -> e instanceof WebApplicationException w && w.getResponse().getStatus() == 404)
                .recoverWithNull()
                .onFailure().transform(ConfigServiceUnavailable::new);
    }

    /** config-service could not answer. */
    public static class ConfigServiceUnavailable extends RuntimeException {

        ConfigServiceUnavailable(Throwable cause) {
            super("config-service unavailable: " + cause.getMessage(), cause);
        }
    }
}
