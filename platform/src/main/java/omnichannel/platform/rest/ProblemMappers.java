package omnichannel.platform.rest;

import java.util.List;
import java.util.stream.Collectors;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

import omnichannel.platform.config.PlatformConfig;
import omnichannel.platform.interactions.ConfigServiceUnavailable;
import omnichannel.platform.messaging.KeyedPublisher;

/**
 * The one place every service turns exceptions into {@code application/problem+json}: never a class name, a stack
 * trace, a secret or {@code text/plain} (which Twilio would forward to the person). A service adds mappers only for
 * failures of a library it uses; its own failures extend {@link ProblemException}.
 *
 * <p>
 * The catch-all answers {@code omnichannel.platform.problems.unexpected-status} (500 by default): the gateway sets 503 so that a
 * bug on our side makes the provider retry instead of losing the message.
 */
public class ProblemMappers {

    private final int unexpectedStatus;

    public ProblemMappers(PlatformConfig config) {
        this.unexpectedStatus = config.problems().unexpectedStatus();
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return Problem.response(e.status(), e.title(), e.getMessage(), e.errors());
    }

    /** Our own dependency is down, not the caller's fault: 503, which providers retry (R2). */
    @ServerExceptionMapper
    public Response kafkaUnavailable(KeyedPublisher.KafkaUnavailable e) {
        Log.warnf("request refused with 503: %s", e.getMessage());
        return unavailable("The message could not be stored; retry later");
    }

    @ServerExceptionMapper
    public Response configUnavailable(ConfigServiceUnavailable e) {
        Log.warnf("request refused with 503: %s", e.getMessage());
        return unavailable("The interaction could not be read; retry later");
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e) {
        return Problem.response(400, "Invalid request", "Unknown or read-only field",
                List.of(new Problem.Violation(path(e), "is unknown or read-only")));
    }

    /** Quarkus maps this subtype itself unless a mapper names it: wrong types and unknown enum values land here. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        return badJson(e);
    }

    @ServerExceptionMapper
    public Response badJson(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return Problem.response(400, "Invalid request", "A field has the wrong type",
                    List.of(new Problem.Violation(path(mapping), "has the wrong type or format")));
        }
        return Problem.response(400, "Malformed JSON", "The body is not valid JSON of the expected shape");
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String detail = switch (status) {
            case 404 -> e.getMessage() != null && !e.getMessage().startsWith("HTTP 404")
                    ? e.getMessage()
                    : "Nothing is here";
            case 405 -> "Method not allowed";
            case 413 -> "The body is larger than the limit";
            case 414 -> "The URL is too long";
            case 415 -> "Unsupported content type";
            default -> Problem.title(status);
        };
        return Problem.response(status, Problem.title(status), detail);
    }

    /** A role that may not ({@code @RolesAllowed} on the resource): 403 with a problem body, as everywhere. */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Problem.response(403, "Forbidden", "the token's role may not do this");
    }

    /** No or no valid token where a resource checks it itself: 401 with the challenge and a problem body. */
    @ServerExceptionMapper({UnauthorizedException.class,
            AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e) {
        return Response.fromResponse(Problem.response(401, "Unauthorized", "a valid bearer token is required"))
                .header("WWW-Authenticate", "Bearer").build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        Log.error("unexpected failure", e);
        Response answer = Problem.response(unexpectedStatus, Problem.title(unexpectedStatus),
                unexpectedStatus == 503
                        ? "The request could not be completed; retry later"
                        : "The request could not be completed");
        return unexpectedStatus == 503 ? Response.fromResponse(answer).header("Retry-After", "5").build() : answer;
    }

    private static Response unavailable(String detail) {
        return Response.fromResponse(Problem.response(503, "Service unavailable", detail)).header("Retry-After", "5")
                .build();
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
