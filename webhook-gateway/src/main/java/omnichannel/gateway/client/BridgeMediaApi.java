package omnichannel.gateway.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;

/**
 * The ticket-bridge's files behind signed links ({@code TICKET_BRIDGE_URL}, role {@code omnichannel-gateway}): the
 * bridge holds the signing key and checks the link; the gateway only serves it publicly.
 */
@RegisterRestClient(configKey = "ticket-bridge")
@OidcClientFilter
@Path("/internal/v1/media")
public interface BridgeMediaApi {

    @GET
    @Path("/{id}")
    Uni<Response> file(@PathParam("id") String id, @QueryParam("e") String expires, @QueryParam("s") String signature);
}
