package omnichannel.twitter.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import omnichannel.events.Channel;

/** What channel-twitter needs of an interaction: the X account's credentials and how DMs arrive. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Interaction(String id, Channel channel, boolean active, String callbackUrl, String twitterApiKey,
        String twitterApiSecretKey, String twitterAccessToken, String twitterAccessTokenSecret, String twitterUserId,
        String twitterDeliveryMode) {

    public boolean polling() {
        return "POLLING".equals(twitterDeliveryMode);
    }

    public XCredentials credentials() {
        return new XCredentials(twitterApiKey, twitterApiSecretKey, twitterAccessToken, twitterAccessTokenSecret);
    }

    @Override
    public String toString() {
        return "Interaction[" + id + ", " + channel + ", active=" + active + ", secrets=****]";
    }
}
