package omnichannel.platform.x;

import java.time.Instant;

/**
 * An X account's OAuth 2.0 user-context access token, as config-service hands it to channel-twitter (the refresh token
 * and the client secret never leave config-service). {@code toString} hides the token.
 */
public record XAccessToken(String accessToken, Instant expiresAt) {

    /** Still usable for at least {@code marginSeconds}. */
    public boolean validFor(long marginSeconds) {
        return expiresAt != null && Instant.now().plusSeconds(marginSeconds).isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "XAccessToken[****, expiresAt=" + expiresAt + "]";
    }
}
