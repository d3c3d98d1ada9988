package omnichannel.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import omnichannel.gateway.ConfigServiceStub;
import omnichannel.testing.KafkaTestResource;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(ConfigServiceStub.class)
class TwitterWebhookResourceTest {

    @Test
    void answersTheCrcChallengeWithTheInteractionsSecretToleratingExtraParameters() {
        given().queryParam("crc_token", "9b4507b3-9040-4669-9ca3-6b94edb50553").queryParam("nonce", "abc")
                .when().get("/webhooks/twitter/" + ConfigServiceStub.TWITTER_ID)
                .then().statusCode(200).contentType("application/json")
                .body("response_token", equalTo("sha256=Cytd4Sq+NvEcV3MMrXxWJGJx5A+y/lXzzU2Maartkx8="));
    }

    @Test
    void refusesAMissingTokenAndAWhatsAppOrUnknownInteraction() {
        given().when().get("/webhooks/twitter/" + ConfigServiceStub.TWITTER_ID).then().statusCode(400);
        given().queryParam("crc_token", "t").when().get("/webhooks/twitter/" + ConfigServiceStub.WHATSAPP_ID)
                .then().statusCode(404);
        given().queryParam("crc_token", "t").when().get("/webhooks/twitter/unknown").then().statusCode(404);
    }
}
