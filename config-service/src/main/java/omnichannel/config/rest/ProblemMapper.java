package omnichannel.config.rest;

import java.util.List;
import java.util.stream.Collectors;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.hibernate.StaleObjectStateException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.quarkus.logging.Log;

import omnichannel.config.service.InvalidFields;
import omnichannel.config.service.NotActivatable;
import omnichannel.config.service.NotFound;
import omnichannel.config.service.StaleVersion;

/** The one place exceptions become {@code application/problem+json}. Never a class name, stack trace or secret. */
public class ProblemMapper {

    @ServerExceptionMapper
    public Response invalid(InvalidFields e) {
        return problem(400, "Invalid request", "One or more fields are invalid", e.violations.stream()
                .map(v -> new Problem.Violation(v.field(), v.message())).toList());
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e) {
        return problem(400, "Invalid request", "Unknown or read-only field",
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
            return problem(400, "Invalid request", "A field has the wrong type",
                    List.of(new Problem.Violation(path(mapping), "has the wrong type or format")));
        }
        return problem(400, "Malformed JSON", "The body is not valid JSON", List.of());
    }

    @ServerExceptionMapper
    public Response notFound(NotFound e) {
        return problem(404, "Not found", e.getMessage(), List.of());
    }

    @ServerExceptionMapper
    public Response stale(StaleVersion e) {
        return problem(409, "Conflict", e.getMessage() + "; read it again and reapply the change", List.of());
    }

    @ServerExceptionMapper({StaleObjectStateException.class, jakarta.persistence.OptimisticLockException.class})
    public Response concurrentUpdate(RuntimeException e) {
        return problem(409, "Conflict", "The interaction was changed meanwhile; read it again and reapply the change",
                List.of());
    }

    @ServerExceptionMapper
    public Response notActivatable(NotActivatable e) {
        return problem(422, "Cannot activate", String.join("; ", e.reasons), List.of());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        String detail = switch (status) {
            case 413 -> "The body is larger than 64 KiB";
            case 415 -> "Unsupported content type";
            default -> known == null ? "Error" : known.getReasonPhrase();
        };
        return problem(status, known == null ? "Error" : known.getReasonPhrase(), detail, List.of());
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        Log.error("unexpected failure", e);
        return problem(500, "Internal error", "The request could not be completed", List.of());
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    static Response problem(int status, String title, String detail, List<Problem.Violation> errors) {
        return Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", title, status, detail, errors))
                .build();
    }
}
