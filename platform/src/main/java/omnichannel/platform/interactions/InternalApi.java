package omnichannel.platform.interactions;

import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;

/**
 * config-service's internal API (role {@code omnichannel-service}) at {@code CONFIG_SERVICE_URL}. The bearer token is
 * the service's own, obtained with OAuth2 client credentials by Quarkus's OIDC client ({@code quarkus.oidc-client.*}:
 * {@code OIDC_TOKEN_URL}, {@code OIDC_CLIENT_ID}, {@code OIDC_CLIENT_SECRET}) and fetched again before it expires.
 */
@RegisterRestClient(configKey = "config-service")
@OidcClientFilter
@Path("/internal/v1")
public interface InternalApi {

    @GET
    @Path("/interactions/{id}")
    Uni<InternalInteraction> interaction(@PathParam("id") String id);

    @GET
    @Path("/parameters")
    Uni<Map<Integer, String>> parameters();
}
