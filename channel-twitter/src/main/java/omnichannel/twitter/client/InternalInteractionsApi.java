package omnichannel.twitter.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

@RegisterRestClient(configKey = "config-service")
@ClientHeaderParam(name = "Authorization", value = "Bearer ${config-service.token}")
@Path("/internal/v1/interactions")
interface InternalInteractionsApi {

    @GET
    @Path("/{id}")
    Uni<Interaction> get(@PathParam("id") String id);
}
