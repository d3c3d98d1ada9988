package omnichannel.twitter;

import java.time.Instant;

/** An interaction's Account Activity webhook as X last answered; what admins see. */
public record Registration(String interactionId, String webhookId, String url, boolean valid, boolean subscribed,
        String lastError, Instant updatedAt) {
}
