package omnichannel.config.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

import omnichannel.config.ConfigServiceTest;
import omnichannel.simulators.identity.Tokens;

/**
 * The internal API gives each service only the secrets it uses (docs/security.md, "need to know"): a stolen gateway
 * token reads no X access token, a channel's token nothing of the other provider, and no role but a service's reads
 * an interaction at all.
 */
@QuarkusTest
class NeedToKnowTest extends ConfigServiceTest {

    private static final String SECONDARY = "secondary-auth-token-for-rotation";

    private static ValidatableResponse read(String id, String role) {
        return service(role).get("/internal/v1/interactions/" + id).then().statusCode(200);
    }

    @Test
    void eachServiceReadsOnlyTheTwilioSecretsItUses() {
        String id = create(whatsappBody("Need to know").replace("\"authToken\":\"" + AUTH_TOKEN + "\"",
                "\"authToken\":\"" + AUTH_TOKEN + "\",\"secondaryAuthToken\":\"" + SECONDARY + "\""));

        read(id, Tokens.GATEWAY).body("twilioAuthToken", equalTo(AUTH_TOKEN))
                .body("twilioSecondaryAuthToken", equalTo(SECONDARY));
        read(id, Tokens.WHATSAPP).body("twilioAuthToken", equalTo(AUTH_TOKEN))
                .body("twilioAccountSid", equalTo("AC0123456789abcdef0123456789abcdef"))
                .body("twilioSecondaryAuthToken", nullValue());
        read(id, Tokens.BRIDGE).body("twilioAuthToken", equalTo(AUTH_TOKEN))
                .body("twilioSecondaryAuthToken", nullValue());
        read(id, Tokens.TWITTER).body("twilioAuthToken", nullValue()).body("twilioSecondaryAuthToken", nullValue())
                .body("whatsappNumber", equalTo("+5511999990000"));
    }

    @Test
    void eachServiceReadsOnlyTheXSecretsItUses() {
        String id = create(twitterBody("Need to know X"));

        read(id, Tokens.GATEWAY).body("twitterApiSecretKey", equalTo(API_SECRET))
                .body("twitterAccessToken", nullValue()).body("twitterAccessTokenSecret", nullValue());
        read(id, Tokens.TWITTER).body("twitterApiSecretKey", equalTo(API_SECRET))
                .body("twitterAccessToken", equalTo(ACCESS_TOKEN)).body("twitterAccessTokenSecret", equalTo(ACCESS_SECRET));
        read(id, Tokens.BRIDGE).body("twitterAccessToken", equalTo(ACCESS_TOKEN))
                .body("twitterAccessTokenSecret", equalTo(ACCESS_SECRET));
        read(id, Tokens.WHATSAPP).body("twitterApiSecretKey", nullValue()).body("twitterAccessToken", nullValue())
                .body("twitterAccessTokenSecret", nullValue()).body("twitterUserId", equalTo("1234567890"));
    }

    @Test
    void rolesThatAreNotAServicesReadNoInteraction() {
        String id = create(whatsappBody("Need to know others"));
        for (String role : new String[]{Tokens.PRIVACY, Tokens.FOURBIZ, Tokens.ADMIN, Tokens.VIEWER}) {
            service(role).get("/internal/v1/interactions/" + id).then().statusCode(403);
        }
    }
}
