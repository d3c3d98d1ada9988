package omnichannel.bridge.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;

import omnichannel.bridge.service.AttendantAnswers;

/** Exceptions as {@code application/problem+json}; never a class name or a stack trace. */
public class ProblemMapper {

    record Problem(String type, String title, int status, String detail) {
    }

    @ServerExceptionMapper
    public Response invalid(RepliesResource.InvalidReply e) {
        return problem(400, "Invalid request", e.getMessage());
    }

    @ServerExceptionMapper
    public Response badJson(JsonProcessingException e) {
        return problem(400, "Malformed JSON", "The body is not a valid reply: {\"id\", \"text\", \"mediaUrls\"}");
    }

    @ServerExceptionMapper
    public Response unknownTicket(AttendantAnswers.UnknownTicket e) {
        return problem(404, "Not found", e.getMessage());
    }

    @ServerExceptionMapper
    public Response optedOut(AttendantAnswers.OptedOut e) {
        return problem(409, "Conflict", e.getMessage());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        return problem(status, known == null ? "Error" : known.getReasonPhrase(),
                known == null ? "The request failed" : known.getReasonPhrase());
    }

    private static Response problem(int status, String title, String detail) {
        return Response.status(status).type("application/problem+json")
                .entity(new Problem("about:blank", title, status, detail)).build();
    }
}
