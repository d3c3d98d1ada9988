package omnichannel.bridge.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

import omnichannel.bridge.service.AgentContact;
import omnichannel.platform.rest.ProblemException;
import omnichannel.platform.rest.Roles;

/** An attendant (4biz, or an integration) starts a conversation about a ticket. */
@Path("/api/v1/tickets/{number}/contact")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.FOURBIZ)
@SecurityRequirement(name = "bearer")
public class ContactResource {

    private final AgentContact contact;
    private final SecurityIdentity identity;

    public ContactResource(AgentContact contact, SecurityIdentity identity) {
        this.contact = contact;
        this.identity = identity;
    }

    /**
     * @param id the idempotency key: the same id again is one message
     * @param interactionId the channel account to write from
     * @param recipientId the person (WhatsApp: E.164 number; X: user id); optional when a conversation of the
     *        interaction has the ticket
     * @param text what to write inside WhatsApp's window (and on X); optional
     */
    public record ContactRequest(String id, String interactionId, String recipientId, String text) {
    }

    public record Accepted(UUID messageId) {
    }

    @POST
    @Operation(summary = "Write to the ticket's requester first, on a chosen interaction (the contact template outside "
            + "WhatsApp's window)")
    @APIResponse(responseCode = "202", description = "Published for sending; the same id again is sent once")
    @APIResponse(responseCode = "400", description = "Missing or malformed id, interactionId or recipientId")
    @APIResponse(responseCode = "403", description = "The recipient is not the ticket's requester (its conversation, "
            + "the requester made for the person, or a colaborador linked to them)")
    @APIResponse(responseCode = "404", description = "No such active interaction, or no such ticket in 4biz")
    @APIResponse(responseCode = "409", description = "The ticket is closed, the person opted out, or has another ticket "
            + "open there")
    @APIResponse(responseCode = "429", description = "Too many contact requests by this caller, or about this ticket")
    public Uni<Response> contact(@PathParam("number") String number, ContactRequest request) {
        if (request == null || blank(request.id()) || blank(request.interactionId())) {
            throw new Invalid("'id' and 'interactionId' are required");
        }
        if (request.id().length() > 64 || request.interactionId().length() > 32 || number.length() > 32
                || request.text() != null && (request.text().isBlank() || request.text().length() > 4096)) {
            throw new Invalid("'id' is at most 64 characters, 'interactionId' 32, the ticket number 32 and 'text' 1 to "
                    + "4096");
        }
        if (request.recipientId() != null && !request.recipientId().matches("\\+[1-9][0-9]{7,14}|[0-9]{1,20}")) {
            throw new Invalid("'recipientId' must be an E.164 number (WhatsApp) or an X user id");
        }
        return contact.contact(identity.getPrincipal().getName(), number, request.id(), request.interactionId(),
                request.recipientId(), request.text())
                .map(id -> Response.accepted(new Accepted(id)).build());
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    static class Invalid extends ProblemException {

        Invalid(String message) {
            super(400, "Invalid request", message);
        }
    }
}
