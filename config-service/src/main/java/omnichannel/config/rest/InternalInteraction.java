package omnichannel.config.rest;

import omnichannel.config.Interaction;
import omnichannel.events.Channel;

/**
 * An interaction as the other services need it, credentials included. Only served on the internal API; its
 * {@code toString} hides the secrets so a careless log line cannot leak them.
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
        long version) {

    static InternalInteraction of(Interaction interaction, String callbackUrl) {
        return new InternalInteraction(interaction.id, interaction.channel, interaction.name, interaction.defaultUnitId,
                interaction.defaultGroupId, interaction.defaultActivityId, interaction.contactOriginId,
                interaction.helperInterception, interaction.active, callbackUrl, interaction.whatsappNumber,
                interaction.twilioAccountSid, interaction.twilioAuthToken, interaction.version);
    }

    @Override
    public String toString() {
        return "InternalInteraction[" + id + ", " + channel + ", " + name + ", secrets=****]";
    }
}
