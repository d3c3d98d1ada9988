package omnichannel.bridge.rest;

import java.util.List;
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

import io.smallrye.mutiny.Uni;

import omnichannel.bridge.service.AttendantAnswers;
import omnichannel.platform.rest.ProblemException;
import omnichannel.platform.rest.Roles;

/** Attendants' answers pushed by 4biz (or an integration) instead of waiting for the poller. */
@Path("/api/v1/tickets/{number}/replies")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
// 4biz's own role: the token 4biz holds opens this endpoint only, never the internal API's secrets
@RolesAllowed(Roles.FOURBIZ)
@SecurityRequirement(name = "bearer")
public class RepliesResource {

    private final AttendantAnswers answers;

    public RepliesResource(AttendantAnswers answers) {
        this.answers = answers;
    }

    /**
     * @param id the follow-up's id in 4biz: the idempotency key (the poller uses it too)
     */
    public record Reply(String id, String text, List<String> mediaUrls) {
    }

    public record Accepted(UUID messageId) {
    }

    @POST
    @Operation(summary = "Send an attendant's answer to the ticket's requester, on the channel they wrote from")
    @APIResponse(responseCode = "202", description = "Published for sending; the same id again is sent once")
    @APIResponse(responseCode = "400", description = "Missing id or text")
    @APIResponse(responseCode = "404", description = "No conversation has this ticket")
    @APIResponse(responseCode = "409", description = "The requester opted out of messages")
    public Uni<Response> reply(@PathParam("number") String number, Reply reply) {
        if (reply == null || blank(reply.id()) || blank(reply.text()) && (reply.mediaUrls() == null
                || reply.mediaUrls().isEmpty())) {
            throw new InvalidReply("'id' and 'text' (or 'mediaUrls') are required");
        }
        if (reply.id().length() > 64 || reply.text() != null && reply.text().length() > 4096) {
            throw new InvalidReply("'id' is at most 64 characters and 'text' at most 4096");
        }
        return answers.push(number, reply.id(), reply.text(), reply.mediaUrls())
                .map(id -> Response.accepted(new Accepted(id)).build());
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** The body is not a usable reply. */
    static class InvalidReply extends ProblemException {

        InvalidReply(String message) {
            super(400, "Invalid request", message);
        }
    }
}
