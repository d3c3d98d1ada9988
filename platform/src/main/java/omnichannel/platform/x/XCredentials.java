package omnichannel.platform.x;

import omnichannel.platform.interactions.InternalInteraction;

/** The X app's key and secret and the account's access token and secret (OAuth 1.0a user context). */
public record XCredentials(String apiKey, String apiSecret, String accessToken, String accessTokenSecret) {

    /** The X account of an interaction. */
    public static XCredentials of(InternalInteraction interaction) {
        return new XCredentials(interaction.twitterApiKey(), interaction.twitterApiSecretKey(),
                interaction.twitterAccessToken(), interaction.twitterAccessTokenSecret());
    }

    @Override
    public String toString() {
        return "XCredentials[" + apiKey + ", secrets=****]";
    }
}
