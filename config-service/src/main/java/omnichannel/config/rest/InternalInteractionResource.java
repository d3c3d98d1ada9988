package omnichannel.config.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.smallrye.mutiny.Uni;

import omnichannel.config.service.InteractionService;

/** The internal API: interactions with their credentials, for the other services only (never exposed publicly). */
@Path("/internal/v1/interactions")
@Produces(MediaType.APPLICATION_JSON)
public class InternalInteractionResource {

    private final InteractionService service;

    public InternalInteractionResource(InteractionService service) {
        this.service = service;
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "An interaction with its decrypted credentials")
    @APIResponse(responseCode = "200", description = "The interaction")
    @APIResponse(responseCode = "404", description = "No such interaction, or deleted")
    public Uni<InternalInteraction> get(@PathParam("id") String id) {
        return service.find(id)
                .onItem().ifNull().failWith(() -> new NotFound("interaction " + id))
                .map(found -> InternalInteraction.of(found, service.callbackUrl(found)));
    }
}
