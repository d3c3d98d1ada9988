package omnichannel.twitter.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import io.smallrye.mutiny.Uni;

import omnichannel.platform.rest.Roles;
import omnichannel.twitter.Registration;
import omnichannel.twitter.repository.TwitterStore;
import omnichannel.twitter.service.WebhookRegistrar;

/** The X webhook of each WEBHOOK interaction, as X last answered, for admins; and the actions to fix it. */
@Path("/api/v1/twitter/webhooks/{interactionId}")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class WebhookResource {

    private final TwitterStore store;
    private final WebhookRegistrar registrar;

    public WebhookResource(TwitterStore store, WebhookRegistrar registrar) {
        this.store = store;
        this.registrar = registrar;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.VIEWER})
    @Operation(summary = "The interaction's X webhook: id, URL, valid (CRC passed), subscribed, last error")
    @APIResponse(responseCode = "404", description = "No registration for this interaction (yet)")
    public Uni<Registration> status(@PathParam("interactionId") String interactionId) {
        return store.registration(interactionId).onItem().ifNull()
                .failWith(() -> new NotFoundException("no X webhook registration for interaction " + interactionId));
    }

    @POST
    @Path("/registration")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Register the callback URL and subscribe the account again")
    @APIResponse(responseCode = "404", description = "No active X interaction in WEBHOOK mode with this id")
    public Uni<Registration> register(@PathParam("interactionId") String interactionId) {
        return registrar.register(interactionId).onItem().ifNull()
                .failWith(() -> new NotFoundException("no X interaction in WEBHOOK mode " + interactionId));
    }

    @POST
    @Path("/crc")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Ask X to run the CRC against the callback URL again (PUT /2/webhooks/{id})")
    @APIResponse(responseCode = "404", description = "No registered webhook for this interaction")
    public Uni<Registration> recheck(@PathParam("interactionId") String interactionId) {
        return registrar.recheck(interactionId).onItem().ifNull()
                .failWith(() -> new NotFoundException("no registered X webhook for interaction " + interactionId));
    }
}
