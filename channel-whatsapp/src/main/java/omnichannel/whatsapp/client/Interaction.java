package omnichannel.whatsapp.client;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A WhatsApp interaction's sender and Twilio credentials. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Interaction(String id, boolean active, String whatsappNumber, String twilioAccountSid,
        String twilioAuthToken, String callbackUrl, String templateContentSid, BigDecimal messagesPerSecond) {

    @Override
    public String toString() {
        return "Interaction[" + id + ", " + whatsappNumber + ", authToken=****]";
    }
}
