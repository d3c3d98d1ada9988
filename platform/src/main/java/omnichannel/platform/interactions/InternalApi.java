package omnichannel.platform.interactions;

import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

/** config-service's internal API (service role): {@code CONFIG_SERVICE_URL}, bearer token {@code config-service.token}. */
@RegisterRestClient(configKey = "config-service")
@ClientHeaderParam(name = "Authorization", value = "Bearer ${config-service.token}")
@Path("/internal/v1")
public interface InternalApi {

    @GET
    @Path("/interactions/{id}")
    Uni<InternalInteraction> interaction(@PathParam("id") String id);

    @GET
    @Path("/parameters")
    Uni<Map<Integer, String>> parameters();
}
