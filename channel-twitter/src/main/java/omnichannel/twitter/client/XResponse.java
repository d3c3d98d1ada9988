package omnichannel.twitter.client;

import java.time.Instant;

import io.vertx.core.json.JsonObject;

/**
 * An X API answer: status, JSON body (empty object when none) and the rate-limit headers.
 *
 * @param remaining {@code x-rate-limit-remaining}, or -1 when absent
 * @param reset {@code x-rate-limit-reset} (epoch seconds), or null when absent
 */
public record XResponse(int status, JsonObject body, int remaining, Instant reset) {

    public boolean ok() {
        return status / 100 == 2;
    }

    public boolean rateLimited() {
        return status == 429;
    }

    /** Worth retrying as is: a server error (the 429 case has its own wait). */
    public boolean transientFailure() {
        return status >= 500;
    }

    /** X's explanation of a failure, for the delivery status and the ticket; never carries credentials. */
    public String reason() {
        String detail = body.getString("detail", body.getString("title", null));
        if (detail == null && body.getJsonArray("errors") != null && !body.getJsonArray("errors").isEmpty()) {
            Object first = body.getJsonArray("errors").getValue(0);
            detail = first instanceof JsonObject error ? error.getString("message", error.encode()) : String.valueOf(first);
        }
        return "HTTP " + status + (detail == null ? "" : " " + detail);
    }
}
