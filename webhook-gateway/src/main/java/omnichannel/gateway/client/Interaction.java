package omnichannel.gateway.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import omnichannel.events.Channel;

/** What the gateway needs of an interaction: which channel, whether it takes messages, and how to authenticate them. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Interaction(String id, Channel channel, boolean active, String whatsappNumber, String twilioAuthToken,
        String twitterApiSecretKey) {

    @Override
    public String toString() {
        return "Interaction[" + id + ", " + channel + ", active=" + active + "]";
    }
}
