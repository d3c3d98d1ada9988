package omnichannel.gateway.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.logging.Log;

import omnichannel.gateway.client.ConfigServiceClient.ConfigServiceUnavailable;
import omnichannel.gateway.messaging.InboundPublisher.KafkaUnavailable;

/**
 * The one place failures become {@code application/problem+json}. Bad input is always a 4xx; only our own
 * dependencies being down is a 503 (the provider retries). Never {@code text/plain}, which Twilio would forward.
 */
public class ProblemMapper {

    static final String PROBLEM_JSON = "application/problem+json";

    @ServerExceptionMapper
    public Response badRequest(BadRequest e) {
        return problem(400, "Bad request", e.getMessage());
    }

    @ServerExceptionMapper
    public Response invalidEvent(omnichannel.gateway.twitter.XDirectMessages.InvalidEvent e) {
        return problem(400, "Bad request", e.getMessage());
    }

    @ServerExceptionMapper
    public Response forbidden(Forbidden e) {
        return problem(403, "Forbidden", e.getMessage());
    }

    @ServerExceptionMapper
    public Response notFound(NotFound e) {
        return problem(404, "Not found", e.getMessage());
    }

    @ServerExceptionMapper
    public Response kafkaUnavailable(KafkaUnavailable e) {
        Log.warnf("webhook refused with 503: %s", e.getMessage());
        return unavailable("The message could not be stored; retry later");
    }

    @ServerExceptionMapper
    public Response configUnavailable(ConfigServiceUnavailable e) {
        Log.warnf("webhook refused with 503: %s", e.getMessage());
        return unavailable("The interaction could not be read; retry later");
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String detail = switch (status) {
            case 413 -> "The body is larger than 64 KiB";
            case 415 -> "Unsupported content type";
            case 405 -> "Method not allowed";
            default -> "The request cannot be served";
        };
        return problem(status, Response.Status.fromStatusCode(status) == null
                ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase(), detail);
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        Log.error("unexpected failure in webhook", e);
        return unavailable("The request could not be completed; retry later");
    }

    private static Response unavailable(String detail) {
        return Response.fromResponse(problem(503, "Service unavailable", detail)).header("Retry-After", "5").build();
    }

    private static Response problem(int status, String title, String detail) {
        return Response.status(status).type(PROBLEM_JSON).entity(new Problem("about:blank", title, status, detail)).build();
    }

    /** An RFC 9457 problem body. */
    public record Problem(String type, String title, int status, String detail) {
    }
}
