package omnichannel.simulators.twilio;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.RedirectConfig;
import io.restassured.config.RestAssuredConfig;

/** A person's file on the simulated Twilio: HTTP Basic with the account's credentials, then a pre-signed CDN URL. */
@QuarkusTest
class TwilioMediaResourceTest {

    static final String ACCOUNT = "AC22222222222222222222222222222222";
    static final RestAssuredConfig NO_REDIRECTS = RestAssuredConfig.config()
            .redirect(RedirectConfig.redirectConfig().followRedirects(false));

    @Test
    void theMediaUrlAnswersOnlyTheAccountsCredentialsWithARedirectToTheFile() {
        byte[] photo = {(byte) 0xFF, (byte) 0xD8, 1, 2, 3};
        String url = given().contentType("image/jpeg").body(photo)
                .post("/simulators/twilio/media?accountSid=" + ACCOUNT + "&authToken=token-1")
                .then().statusCode(200).extract().path("mediaUrl");
        assertThat(url).contains("/2010-04-01/Accounts/" + ACCOUNT + "/Messages/MM").contains("/Media/ME");
        long servedBefore = given().get("/simulators/twilio/media/stats").then().extract().jsonPath().getLong("served");

        given().config(NO_REDIRECTS).get(url).then().statusCode(401);
        given().config(NO_REDIRECTS).auth().preemptive().basic(ACCOUNT, "wrong").get(url).then().statusCode(401);
        given().config(NO_REDIRECTS).auth().preemptive().basic("AC33333333333333333333333333333333", "token-1")
                .get(url.replace(ACCOUNT, "AC33333333333333333333333333333333")).then().statusCode(404);
        String cdn = given().config(NO_REDIRECTS).auth().preemptive().basic(ACCOUNT, "token-1").get(url)
                .then().statusCode(307).extract().header("Location");

        byte[] served = given().config(NO_REDIRECTS).get(cdn).then().statusCode(200).contentType("image/jpeg")
                .extract().asByteArray();
        assertThat(served).isEqualTo(photo);
        given().config(NO_REDIRECTS).get(cdn.replaceFirst("cdn/.*", "cdn/forged")).then().statusCode(403);
        assertThat(given().get("/simulators/twilio/media/stats").then().extract().jsonPath().getLong("served"))
                .isEqualTo(servedBefore + 1);
    }
}
