package omnichannel.platform.rest;

import java.util.List;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An RFC 9457 problem body; {@code errors} names each bad field. Every service answers failures with this. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<Violation> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One bad field and what is wrong with it. */
    public record Violation(String field, String message) {
    }

    public static Response response(int status, String title, String detail) {
        return response(status, title, detail, List.of());
    }

    public static Response response(int status, String title, String detail, List<Violation> errors) {
        return Response.status(status).type(MEDIA_TYPE)
                .entity(new Problem("about:blank", title, status, detail, errors)).build();
    }

    /** The standard reason phrase of a status, or "Error" for one without. */
    public static String title(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return known == null ? "Error" : known.getReasonPhrase();
    }
}
