package omnichannel.platform.interactions;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import omnichannel.events.Channel;

/**
 * An interaction as the services need it, secrets in clear: what config-service's internal API serves (to the service
 * role only) and every service reads through {@link InteractionDirectory}. One shape for one meaning. Its
 * {@code toString} hides the secrets so a careless log line cannot leak them.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record InternalInteraction(
        String id,
        Channel channel,
        String name,
        long defaultUnitId,
        long defaultGroupId,
        long defaultActivityId,
        long contactOriginId,
        boolean helperInterception,
        boolean active,
        String callbackUrl,
        String whatsappNumber,
        String twilioAccountSid,
        String twilioAuthToken,
        String twilioSecondaryAuthToken,
        String templateContentSid,
        Map<String, PurposeTemplate> templates,
        BigDecimal messagesPerSecond,
        SignatureMode signatureMode,
        Instant signatureLogOnlyUntil,
        String twitterApiKey,
        String twitterApiSecretKey,
        String twitterAccessToken,
        String twitterAccessTokenSecret,
        String twitterUserId,
        String twitterEnvironment,
        DeliveryMode twitterDeliveryMode,
        BusinessHours businessHours,
        MediaPolicy mediaPolicy,
        RequesterPolicy requesterPolicy,
        long version) {

    /**
     * Log-only: a bad signature is counted and logged but the request accepted, for a careful rollout, and only until
     * {@code signatureLogOnlyUntil}: then the interaction enforces by itself, whatever config-service says later.
     */
    public boolean signatureLogOnly() {
        return signatureMode == SignatureMode.LOG_ONLY && signatureLogOnlyUntil != null
                && Instant.now().isBefore(signatureLogOnlyUntil);
    }

    /** Whether people writing at {@code at} are attended (always, without business hours). */
    public boolean attendedAt(Instant at) {
        return businessHours == null || businessHours.isOpen(at);
    }

    /** X direct messages are polled rather than pushed to the webhook. */
    public boolean polling() {
        return twitterDeliveryMode == DeliveryMode.POLLING;
    }

    /** X direct messages come through the X Activity API, and sends use the account's OAuth 2.0 token. */
    public boolean activityApi() {
        return twitterDeliveryMode == DeliveryMode.ACTIVITY_API;
    }

    @Override
    public String toString() {
        return "InternalInteraction[" + id + ", " + channel + ", " + name + ", active=" + active + ", secrets=****]";
    }
}
