package omnichannel.config.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

import omnichannel.config.service.XConnections;
import omnichannel.platform.rest.ProblemException;
import omnichannel.platform.rest.Roles;

/**
 * Connecting an interaction's X account with OAuth 2.0 from the admin API: the answer is the URL of X's authorization
 * page, to open in a browser logged in to the console as the same person (the console's {@code /console/x/callback}
 * completes it). Tokens are never returned.
 */
@Path("/api/v1/interactions/{id}/x-connection")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No or invalid bearer token")
@APIResponse(responseCode = "403", description = "The token lacks the role")
@APIResponse(responseCode = "404", description = "No such interaction")
public class XConnectionResource {

    private final XConnections connections;
    private final SecurityIdentity identity;

    public XConnectionResource(XConnections connections, SecurityIdentity identity) {
        this.connections = connections;
        this.identity = identity;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Start connecting the X account (Authorization Code with PKCE): X's authorization URL")
    @APIResponse(responseCode = "200", description = "{authorizationUrl, expiresAt}")
    @APIResponse(responseCode = "409", description = "Not an X interaction in the ACTIVITY_API or ACCOUNT_ACTIVITY mode "
            + "with a Client ID (an ACCOUNT_ACTIVITY one moves to ACTIVITY_API when the connection completes)")
    public Uni<XConnections.Started> start(@PathParam("id") String id) {
        return connections.start(id, identity.getPrincipal().getName());
    }

    /** What X appended to the Callback URI, for an admin who completes the connection without the console. */
    public record Completion(String state, String code, String error) {
    }

    @POST
    @Path("/completion")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Complete the connection with the state and code X sent back (same admin as the start)")
    @APIResponse(responseCode = "204", description = "Connected: the tokens are sealed")
    @APIResponse(responseCode = "400", description = "Unknown, used or expired state; no code; another interaction's")
    @APIResponse(responseCode = "403", description = "The authorization was started by another person")
    @APIResponse(responseCode = "409", description = "X refused, or the authorized account is not the interaction's")
    public Uni<Void> complete(@PathParam("id") String id, Completion completion) {
        if (completion == null) {
            throw ProblemException.badRequest("state and code are required");
        }
        return connections.complete(completion.state(), completion.code(), completion.error(),
                identity.getPrincipal().getName(), id).replaceWithVoid();
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(summary = "Whether the X account is connected, since when, with which scopes; never a token")
    @APIResponse(responseCode = "200", description = "status NOT_CONNECTED, CONNECTED or NEEDS_RECONNECT")
    public Uni<XConnections.Status> status(@PathParam("id") String id) {
        return connections.status(id);
    }
}
