package omnichannel.config.rest;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import omnichannel.config.Interaction;
import omnichannel.config.service.SettingsJson;
import omnichannel.events.Channel;
import omnichannel.platform.interactions.BusinessHours;
import omnichannel.platform.interactions.DeliveryMode;
import omnichannel.platform.interactions.MediaPolicy;
import omnichannel.platform.interactions.PurposeTemplate;
import omnichannel.platform.interactions.RequesterPolicy;
import omnichannel.platform.interactions.SignatureMode;
import omnichannel.platform.twilio.TwilioRetries;

/** An interaction as admins see it: secrets only as a mask ({@code ****} + last 4). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InteractionView(
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
        WhatsApp whatsapp,
        Twitter twitter,
        BusinessHours businessHours,
        MediaPolicy mediaPolicy,
        RequesterPolicy requesterPolicy,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    /**
     * @param twilioWebhookUrl what to paste in Twilio's console as the sender's webhook: the callback URL with the
     *        fragment that makes Twilio retry our 503s ({@link TwilioRetries})
     */
    public record WhatsApp(String number, String accountSid, String authToken, String secondaryAuthToken,
            String templateContentSid, Map<String, PurposeTemplate> templates,
            BigDecimal messagesPerSecond, SignatureMode signatureMode, Instant signatureLogOnlyUntil,
            String twilioWebhookUrl) {
    }

    public record Twitter(String apiKey, String apiSecretKey, String accessToken, String accessTokenSecret,
            String userId, String environment, DeliveryMode deliveryMode, String clientId, String clientSecret) {
    }

    /** @param secrets the interaction's secrets in clear, only to compute their masks */
    public static InteractionView of(Interaction interaction, String callbackUrl,
            Map<String, String> secrets) {
        WhatsApp whatsapp = interaction.channel == Channel.WHATSAPP_TWILIO
                ? new WhatsApp(interaction.whatsappNumber, interaction.twilioAccountSid,
                        mask(secrets.get("whatsapp.authToken")), mask(secrets.get("whatsapp.secondaryAuthToken")),
                        interaction.templateContentSid, SettingsJson.templates(interaction.whatsappTemplates),
                        interaction.messagesPerSecond, interaction.signatureMode, interaction.signatureLogOnlyUntil,
                        TwilioRetries.asked(callbackUrl))
                : null;
        Twitter twitter = interaction.channel == Channel.TWITTER_DM
                ? new Twitter(interaction.twitterApiKey, mask(secrets.get("twitter.apiSecretKey")),
                        mask(secrets.get("twitter.accessToken")), mask(secrets.get("twitter.accessTokenSecret")),
                        interaction.twitterUserId, interaction.twitterEnvironment, interaction.twitterDeliveryMode,
                        interaction.twitterClientId, mask(secrets.get("twitter.clientSecret")))
                : null;
        return new InteractionView(interaction.id, interaction.channel, interaction.name, interaction.defaultUnitId,
                interaction.defaultGroupId, interaction.defaultActivityId, interaction.contactOriginId,
                interaction.helperInterception, interaction.active, callbackUrl, whatsapp, twitter,
                SettingsJson.businessHours(interaction.businessHours), SettingsJson.mediaPolicy(interaction.mediaPolicy),
                SettingsJson.requesterPolicy(interaction.requesterPolicy),
                interaction.version,
                interaction.createdAt, interaction.updatedAt);
    }

    /** Enough to recognise a secret, never enough to use it; short secrets show nothing at all. */
    static String mask(String secret) {
        if (secret == null || secret.isEmpty()) {
            return null;
        }
        return secret.length() < 12 ? "****" : "****" + secret.substring(secret.length() - 4);
    }
}
