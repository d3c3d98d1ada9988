package omnichannel.config.service;

import java.math.BigDecimal;
import java.util.Map;

import omnichannel.events.Channel;
import omnichannel.platform.interactions.BusinessHours;
import omnichannel.platform.interactions.DeliveryMode;
import omnichannel.platform.interactions.MediaPolicy;
import omnichannel.platform.interactions.PurposeTemplate;
import omnichannel.platform.interactions.RequesterPolicy;
import omnichannel.platform.interactions.SignatureMode;

/**
 * What an admin sends to create or replace an interaction. Secrets are plain text here and nowhere after: they are
 * sealed before storage. On update an omitted secret keeps its stored value. {@code version} is the version the
 * update is based on (or the {@code If-Match} header); it is read-only on create.
 */
public record InteractionInput(
        Channel channel,
        String name,
        Long defaultUnitId,
        Long defaultGroupId,
        Long defaultActivityId,
        Long contactOriginId,
        Boolean helperInterception,
        Boolean active,
        WhatsApp whatsapp,
        Twitter twitter,
        BusinessHours businessHours,
        MediaPolicy mediaPolicy,
        RequesterPolicy requesterPolicy,
        Long version) {

    /** A {@code WHATSAPP_TWILIO} account. */
    /**
     * @param templates the approved template per purpose ({@code TICKET_ACKNOWLEDGEMENT}, {@code ATTENDANT_ANSWER},
     *        {@code TICKET_NOTICE}) for a closed window; {@code templateContentSid} serves the purposes without one
     * @param secondaryAuthToken Twilio's secondary Auth Token while the primary is being rotated (both validate
     *        webhooks); {@code ""} removes it, null leaves it as it is
     * @param signatureLogOnlyHours with {@code signatureMode} {@code LOG_ONLY}: how long it lasts (1 to 168 hours,
     *        default 24); enforcing comes back by itself after that
     */
    public record WhatsApp(String number, String accountSid, String authToken, String secondaryAuthToken,
            String templateContentSid, Map<String, PurposeTemplate> templates, BigDecimal messagesPerSecond,
            SignatureMode signatureMode, Integer signatureLogOnlyHours) {

        @Override
        public String toString() {
            return "WhatsApp[" + number + ", " + accountSid + ", authToken=****, secondaryAuthToken=****]";
        }
    }

    /** A {@code TWITTER_DM} account. */
    public record Twitter(String apiKey, String apiSecretKey, String accessToken, String accessTokenSecret, String userId,
            String environment, DeliveryMode deliveryMode, String callbackUrl, String clientId, String clientSecret) {

        @Override
        public String toString() {
            return "Twitter[" + userId + ", secrets=****]";
        }
    }
}
