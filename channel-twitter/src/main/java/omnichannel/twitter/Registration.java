package omnichannel.twitter;

import java.time.Instant;

/**
 * An interaction's webhook and subscription as X last answered; what admins see. {@code mode} is how the account is
 * subscribed ({@code ACTIVITY_API} or {@code ACCOUNT_ACTIVITY}); {@code subscribed} whether that subscription exists.
 */
public record Registration(String interactionId, String webhookId, String url, boolean valid, boolean subscribed,
        String lastError, Instant updatedAt, String mode) {
}
