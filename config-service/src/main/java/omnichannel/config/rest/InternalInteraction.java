package omnichannel.config.rest;

import java.math.BigDecimal;
import java.util.Map;

import omnichannel.config.Interaction;
import omnichannel.events.Channel;

/**
 * An interaction as the other services need it, secrets in clear. Served only on the internal API to the service
 * role; its {@code toString} hides the secrets so a careless log line cannot leak them.
 */
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
        String templateContentSid,
        BigDecimal messagesPerSecond,
        Interaction.SignatureMode signatureMode,
        String twitterApiKey,
        String twitterApiSecretKey,
        String twitterAccessToken,
        String twitterAccessTokenSecret,
        String twitterUserId,
        String twitterEnvironment,
        Interaction.DeliveryMode twitterDeliveryMode,
        long version) {

    static InternalInteraction of(Interaction i, String callbackUrl, Map<String, String> secrets) {
        return new InternalInteraction(i.id, i.channel, i.name, i.defaultUnitId, i.defaultGroupId, i.defaultActivityId,
                i.contactOriginId, i.helperInterception, i.active, callbackUrl, i.whatsappNumber, i.twilioAccountSid,
                secrets.get("whatsapp.authToken"), i.templateContentSid, i.messagesPerSecond, i.signatureMode,
                i.twitterApiKey, secrets.get("twitter.apiSecretKey"), secrets.get("twitter.accessToken"),
                secrets.get("twitter.accessTokenSecret"), i.twitterUserId, i.twitterEnvironment, i.twitterDeliveryMode,
                i.version);
    }

    @Override
    public String toString() {
        return "InternalInteraction[" + id + ", " + channel + ", " + name + ", secrets=****]";
    }
}
