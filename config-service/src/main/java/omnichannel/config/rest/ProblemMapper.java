package omnichannel.config.rest;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.quarkus.logging.Log;

/** The one place exceptions become {@code application/problem+json}. Never a class name or a stack trace. */
public class ProblemMapper {

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e) {
        List<Problem.Violation> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.Violation(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.Violation::field))
                .collect(Collectors.toList());
        return problem(400, "Invalid request", "One or more fields are invalid", errors);
    }

    @ServerExceptionMapper
    public Response fieldError(FieldError e) {
        return problem(400, "Invalid request", "One or more fields are invalid",
                List.of(new Problem.Violation(e.field, e.getMessage())));
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e) {
        return problem(400, "Invalid request", "Unknown or read-only field",
                List.of(new Problem.Violation(path(e), "is unknown or read-only")));
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
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        return problem(status, Response.Status.fromStatusCode(status) != null
                ? Response.Status.fromStatusCode(status).getReasonPhrase()
                : "Error", status == 413 ? "The body is larger than 64 KiB" : e.getMessage(), List.of());
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        Log.error("unexpected failure", e);
        return problem(500, "Internal error", "The request could not be completed", List.of());
    }

    private static String fieldOf(ConstraintViolation<?> violation) {
        // "create.request.whatsapp.number" -> "whatsapp.number": the method and parameter names mean nothing to a client
        String path = violation.getPropertyPath().toString();
        String[] parts = path.split("\\.", 3);
        return parts.length == 3 ? parts[2] : parts[parts.length - 1];
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
