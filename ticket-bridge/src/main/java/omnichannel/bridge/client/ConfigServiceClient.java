package omnichannel.bridge.client;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.quarkus.cache.CacheResult;
import io.smallrye.mutiny.Uni;

/** Reads interactions and the 4biz system parameters from config-service's internal API. */
@ApplicationScoped
public class ConfigServiceClient {

    /** Parameter ids (fourbiz-api.md). */
    public static final int DEFAULT_CONTRACT = 118;
    public static final int HELPER_CONVERSATION_URL = 441;
    public static final int HELPER_FALLBACK_MESSAGE = 453;

    private final InternalInteractionsApi api;

    public ConfigServiceClient(@RestClient InternalInteractionsApi api) {
        this.api = api;
    }

    @CacheResult(cacheName = "interactions")
    public Uni<Interaction> interaction(String id) {
        return api.get(id);
    }

    /** The parameters' values by id; cached for a short while (parameters change rarely and carry no event). */
    @CacheResult(cacheName = "parameters")
    public Uni<Map<Integer, String>> parameters() {
        return api.parameters();
    }
}
