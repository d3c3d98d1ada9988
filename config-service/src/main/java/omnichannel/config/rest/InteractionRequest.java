package omnichannel.config.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import omnichannel.events.Channel;

/** What an admin sends to create an interaction. Read-only fields (id, callback URL, version) are not accepted. */
public record InteractionRequest(
        @NotNull Channel channel,
        @NotBlank @Size(max = 120) String name,
        @NotNull @Positive Long defaultUnitId,
        @NotNull @Positive Long defaultGroupId,
        @NotNull @Positive Long defaultActivityId,
        @NotNull @Positive Long contactOriginId,
        Boolean helperInterception,
        Boolean active,
        @Valid WhatsApp whatsapp) {

    /** The Twilio account and WhatsApp sender of a {@code WHATSAPP_TWILIO} interaction. */
    public record WhatsApp(
            @NotBlank @Pattern(regexp = "\\+[1-9][0-9]{7,14}", message = "must be an E.164 number such as +5511912345678") String number,
            @NotBlank @Pattern(regexp = "AC[0-9a-fA-F]{32}", message = "must be 'AC' followed by 32 hexadecimal digits") String accountSid,
            @NotBlank @Size(max = 256) String authToken) {

        @Override
        public String toString() {
            return "WhatsApp[" + number + ", " + accountSid + ", authToken=****]";
        }
    }
}
