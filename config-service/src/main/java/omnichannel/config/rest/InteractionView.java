package omnichannel.config.rest;

import java.time.Instant;

import omnichannel.config.Interaction;
import omnichannel.events.Channel;

/** An interaction as admins see it: secrets only as a mask. */
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
        long version,
        Instant createdAt,
        Instant updatedAt) {

    public record WhatsApp(String number, String accountSid, String authToken) {
    }

    static InteractionView of(Interaction interaction, String callbackUrl) {
        WhatsApp whatsapp = interaction.channel == Channel.WHATSAPP_TWILIO
                ? new WhatsApp(interaction.whatsappNumber, interaction.twilioAccountSid,
                        Secrets.mask(interaction.twilioAuthToken))
                : null;
        return new InteractionView(interaction.id, interaction.channel, interaction.name, interaction.defaultUnitId,
                interaction.defaultGroupId, interaction.defaultActivityId, interaction.contactOriginId,
                interaction.helperInterception, interaction.active, callbackUrl, whatsapp, interaction.version,
                interaction.createdAt, interaction.updatedAt);
    }
}
