package omnichannel.gateway.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import omnichannel.events.Channel;

/** What the gateway needs of an interaction: which channel, whether it takes messages, and how to authenticate them. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Interaction(String id, Channel channel, boolean active, String whatsappNumber, String twilioAuthToken,
        String twitterApiSecretKey, String twitterUserId, String signatureMode) {

    /** Log-only: a bad signature is counted and logged but the request accepted, for a careful rollout. */
    public boolean signatureLogOnly() {
        return "LOG_ONLY".equals(signatureMode);
    }

    @Override
    public String toString() {
        return "Interaction[" + id + ", " + channel + ", active=" + active + "]";
    }
}
