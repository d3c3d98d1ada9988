package omnichannel.config.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

import omnichannel.config.service.DeadLetterService;
import omnichannel.config.service.DeadLetterService.DeadLetter;
import omnichannel.config.service.NotFound;
import omnichannel.platform.rest.ProblemException;
import omnichannel.platform.rest.Roles;

/** The dead letters of every consumer: list, inspect, replay (one, or a conversation in order), discard. */
@Path("/api/v1/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No or invalid bearer token")
@APIResponse(responseCode = "403", description = "The token lacks the role")
public class DeadLetterResource {

    private final DeadLetterService service;
    private final SecurityIdentity identity;

    public DeadLetterResource(DeadLetterService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    @Operation(summary = "Pending dead letters (neither replayed nor discarded), of one topic or conversation if asked")
    public Uni<List<DeadLetter>> list(@QueryParam("topic") String topic, @QueryParam("key") String key) {
        return service.pending(topic, key);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    @Operation(summary = "One dead letter: reason, headers, payload")
    @APIResponse(responseCode = "404", description = "No such pending dead letter")
    public Uni<DeadLetter> one(@PathParam("id") String id) {
        return service.one(id).onItem().ifNull().failWith(() -> new NotFound("dead letter " + id));
    }

    @POST
    @Path("/{id}/replay")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Put the dead letter back on the topic it came from, with its key")
    @APIResponse(responseCode = "404", description = "No such pending dead letter")
    public Uni<DeadLetter> replay(@PathParam("id") String id) {
        return service.replay(id, actor()).onItem().ifNull().failWith(() -> new NotFound("dead letter " + id));
    }

    @POST
    @Path("/replay")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Replay every pending dead letter of one conversation (Kafka key), in their original order")
    @APIResponse(responseCode = "400", description = "No key")
    public Uni<List<DeadLetter>> replayConversation(@QueryParam("key") String key) {
        if (key == null || key.isBlank()) {
            throw ProblemException.badRequest("the conversation's key is required: ?key=<interaction>:<person>");
        }
        return service.replayConversation(key, actor());
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Discard the dead letter (it stays in Kafka, no longer pending)")
    @APIResponse(responseCode = "204", description = "Discarded")
    @APIResponse(responseCode = "404", description = "No such pending dead letter")
    public Uni<Void> discard(@PathParam("id") String id) {
        return service.discard(id, actor()).invoke(done -> {
            if (!done) {
                throw new NotFound("dead letter " + id);
            }
        }).replaceWithVoid();
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }
}
