package omnichannel.platform.interactions;

import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;

import omnichannel.platform.x.XAccessToken;

/**
 * config-service's internal API (each service on its own role) at {@code CONFIG_SERVICE_URL}. The bearer token is
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

    /** A deleted interaction with its credentials (active false), for cleaning up at the provider; 404 otherwise. */
    @GET
    @Path("/interactions/{id}/retired")
    Uni<InternalInteraction> retired(@PathParam("id") String id);

    @GET
    @Path("/parameters")
    Uni<Map<Integer, String>> parameters();

    /** The gateway's counts of webhooks with a bad signature since its last report. */
    @POST
    @Path("/signature-failures")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Void> signatureFailures(SignatureFailureReport report);

    /**
     * The interaction's X OAuth 2.0 access token, refreshed by config-service when it is about to expire; 409 when the
     * account must be connected again (revoked, or never connected).
     */
    @POST
    @Path("/interactions/{id}/x-access-token")
    Uni<XAccessToken> xAccessToken(@PathParam("id") String id);

    /** X told us (an {@code oauth.revoke} event) that the account revoked the app's access. */
    @POST
    @Path("/interactions/{id}/x-connection/revoked")
    Uni<Void> xConnectionRevoked(@PathParam("id") String id);
}
