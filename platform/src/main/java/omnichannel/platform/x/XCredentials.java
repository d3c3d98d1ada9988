package omnichannel.platform.x;

/** The X app's key and secret and the account's access token and secret (OAuth 1.0a user context). */
public record XCredentials(String apiKey, String apiSecret, String accessToken, String accessTokenSecret) {

    @Override
    public String toString() {
        return "XCredentials[" + apiKey + ", secrets=****]";
    }
}
