package omnichannel.twitter.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Exceptions as {@code application/problem+json}; never a class name or a stack trace. */
public class ProblemMapper {

    record Problem(String type, String title, int status, String detail) {
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        String detail = status == 404 && e.getMessage() != null ? e.getMessage() : title;
        return Response.status(status).type("application/problem+json")
                .entity(new Problem("about:blank", title, status, detail)).build();
    }
}
