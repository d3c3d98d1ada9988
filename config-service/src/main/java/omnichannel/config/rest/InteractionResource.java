package omnichannel.config.rest;

import java.net.URI;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.smallrye.mutiny.Uni;

import omnichannel.config.Interaction;
import omnichannel.config.service.InteractionService;
import omnichannel.events.Channel;

/** The admin API of interactions ("Menu > Sistema > Configurações > Interações Omnichannel"). */
@Path("/api/v1/interactions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class InteractionResource {

    private final InteractionService service;

    public InteractionResource(InteractionService service) {
        this.service = service;
    }

    @POST
    @Operation(summary = "Create an interaction; the answer carries its generated id and callback URL")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "400", description = "Invalid or unknown fields (problem+json)")
    @APIResponse(responseCode = "413", description = "Body over 64 KiB")
    public Uni<Response> create(@Valid @NotNull InteractionRequest request) {
        return service.create(toEntity(request))
                .map(created -> Response.created(URI.create("/api/v1/interactions/" + created.id))
                        .entity(InteractionView.of(created, service.callbackUrl(created)))
                        .build());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read an interaction (secrets masked)")
    @APIResponse(responseCode = "200", description = "The interaction")
    @APIResponse(responseCode = "404", description = "No such interaction, or deleted")
    public Uni<InteractionView> get(@PathParam("id") String id) {
        return service.find(id)
                .onItem().ifNull().failWith(() -> new NotFound("interaction " + id))
                .map(found -> InteractionView.of(found, service.callbackUrl(found)));
    }

    private static Interaction toEntity(InteractionRequest request) {
        if (request.channel() == Channel.WHATSAPP_TWILIO && request.whatsapp() == null) {
            throw new FieldError("whatsapp", "is required for channel WHATSAPP_TWILIO");
        }
        if (request.channel() == Channel.TWITTER_DM) {
            throw new FieldError("channel", "TWITTER_DM interactions are not supported yet");
        }
        Interaction interaction = new Interaction();
        interaction.channel = request.channel();
        interaction.name = request.name().strip();
        interaction.defaultUnitId = request.defaultUnitId();
        interaction.defaultGroupId = request.defaultGroupId();
        interaction.defaultActivityId = request.defaultActivityId();
        interaction.contactOriginId = request.contactOriginId();
        interaction.helperInterception = Boolean.TRUE.equals(request.helperInterception());
        interaction.active = request.active() == null || request.active();
        interaction.whatsappNumber = request.whatsapp().number();
        interaction.twilioAccountSid = request.whatsapp().accountSid();
        interaction.twilioAuthToken = request.whatsapp().authToken();
        return interaction;
    }
}
