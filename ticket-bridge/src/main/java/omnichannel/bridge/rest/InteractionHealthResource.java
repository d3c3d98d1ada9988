package omnichannel.bridge.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import io.smallrye.mutiny.Uni;

import omnichannel.bridge.repository.ConversationStore;
import omnichannel.platform.interactions.InteractionIds;
import omnichannel.platform.rest.ProblemException;
import omnichannel.platform.rest.Roles;

/** An interaction's traffic as the bridge saw it, for the admin console's health panel. */
@Path("/api/v1/interactions/{id}/health")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.ADMIN})
@SecurityRequirement(name = "bearer")
public class InteractionHealthResource {

    private final ConversationStore store;

    public InteractionHealthResource(ConversationStore store) {
        this.store = store;
    }

    @GET
    @Operation(summary = "Last message in, messages in the last 24 h, last answer sent, delivery failures in 24 h")
    public Uni<ConversationStore.Health> health(@PathParam("id") String id) {
        if (!InteractionIds.isWellFormed(id)) {
            throw ProblemException.badRequest("not an interaction id: " + id);
        }
        return store.health(id);
    }
}
