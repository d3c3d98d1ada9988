package omnichannel.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import omnichannel.events.Topics;
import omnichannel.gateway.ConfigServiceStub;
import omnichannel.infra.KafkaRecords;
import omnichannel.platform.x.XSignature;
import omnichannel.testing.KafkaTestResource;
import omnichannel.testing.SharedInfrastructure;

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

    private static String delivery(String id, String sender, String text) {
        return """
                {"for_user_id":"3001","direct_message_events":[{"type":"message_create","id":"%s",
                  "created_timestamp":"1763726400000","message_create":{"target":{"recipient_id":"3001"},
                  "sender_id":"%s","message_data":{"text":"%s"}}}],
                 "users":{"%s":{"id":"%s","name":"Joana Lima","screen_name":"joanalima"}}}
                """.formatted(id, sender, text, sender, sender);
    }

    private static List<ConsumerRecord<String, String>> inboundWith(String text, Duration window) {
        return KafkaRecords.read(SharedInfrastructure.kafka().bootstrapServers(), Topics.INBOUND,
                record -> record.value().contains(text), window);
    }

    private static io.restassured.specification.RequestSpecification signed(String body) {
        return given().contentType("application/json")
                .header("x-twitter-webhooks-signature",
                        XSignature.of(ConfigServiceStub.X_SECRET, body.getBytes(StandardCharsets.UTF_8)))
                .body(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aSignedDirectMessageIsPublishedBeforeThe200() {
        String id = "146" + System.nanoTime();
        String body = delivery(id, "4002", "DM assinada " + id);

        signed(body).when().post("/webhooks/twitter/" + ConfigServiceStub.TWITTER_ID).then().statusCode(200);

        List<ConsumerRecord<String, String>> records = inboundWith("DM assinada " + id, Duration.ofSeconds(2));
        assertThat(records).hasSize(1);
        assertThat(records.get(0).key()).isEqualTo(ConfigServiceStub.TWITTER_ID + ":4002");
        assertThat(records.get(0).value()).contains("\"channel\":\"TWITTER_DM\"").contains("\"handle\":\"joanalima\"");
    }

    /** The X Activity API's envelope (x-api/activity/event-payloads: dm.received, users' fields under data). */
    private static String activityDelivery(String uuid, String id, String sender, String text) {
        return """
                {"data":{"event_uuid":"%s","filter":{"user_id":"3001"},"event_type":"dm.received",
                  "tag":"omnichannel:x-interaction-1","payload":{"direct_message_events":[{"type":"message_create",
                  "id":"%s","created_timestamp":"1784928224372","message_create":{"target":{"recipient_id":"3001"},
                  "sender_id":"%s","message_data":{"text":"%s","entities":{"hashtags":[],"urls":[]}}}}],
                  "users":{"%s":{"data":{"id":"%s","name":"Ana Prado","username":"anaprado","protected":false}}}}}}
                """.formatted(uuid, id, sender, text, sender, sender);
    }

    @Test
    void anActivityApiDeliveryIsPublishedOnceWithItsSendersNameAndARepeatedEventUuidIsNotPublishedAgain() {
        String id = "147" + System.nanoTime();
        String body = activityDelivery("-6850472171600526495" + id, id, "4005", "DM da Activity API " + id);

        signed(body).when().post("/webhooks/twitter/" + ConfigServiceStub.TWITTER_ID).then().statusCode(200);
        signed(body).when().post("/webhooks/twitter/" + ConfigServiceStub.TWITTER_ID).then().statusCode(200);

        List<ConsumerRecord<String, String>> records = inboundWith("DM da Activity API " + id, Duration.ofSeconds(3));
        assertThat(records).hasSize(1);
        assertThat(records.get(0).key()).isEqualTo(ConfigServiceStub.TWITTER_ID + ":4005");
        assertThat(records.get(0).value()).contains("\"displayName\":\"Ana Prado\"").contains("\"handle\":\"anaprado\"");
    }

    @Test
    void anOauthRevokeForTheAccountIsReportedToConfigServiceAndA503WhenItCannotBe() {
        String body = """
                {"data":{"event_uuid":"5934540941047412905","filter":{},"event_type":"oauth.revoke",
                  "payload":{"date_time":"2026-07-23T21:44:05+00:00","user_id":"3001","app_id":"29820954"}}}""";
        ConfigServiceStub.revocations(false);
        signed(body).when().post("/webhooks/twitter/" + ConfigServiceStub.TWITTER_ID).then().statusCode(503);
        ConfigServiceStub.revocations(true);
        signed(body).when().post("/webhooks/twitter/" + ConfigServiceStub.TWITTER_ID).then().statusCode(200);
        assertThat(ConfigServiceStub.revocationsReported())
                .contains("/internal/v1/interactions/" + ConfigServiceStub.TWITTER_ID + "/x-connection/revoked");

        // another account's revocation (the app serves several) is not this interaction's
        int before = ConfigServiceStub.revocationsReported().size();
        signed(body.replace("\"user_id\":\"3001\"", "\"user_id\":\"9999\"")).when()
                .post("/webhooks/twitter/" + ConfigServiceStub.TWITTER_ID).then().statusCode(200);
        assertThat(ConfigServiceStub.revocationsReported()).hasSize(before);
        // unsigned: refused before anything is reported
        given().contentType("application/json").body(body).when()
                .post("/webhooks/twitter/" + ConfigServiceStub.TWITTER_ID).then().statusCode(403);
        assertThat(ConfigServiceStub.revocationsReported()).hasSize(before);
    }

    @Test
    void aTamperedBodyOrAMissingSignatureGets403AndNoEvent() {
        String id = "147" + System.nanoTime();
        String body = delivery(id, "4002", "DM adulterada " + id);
        String signature = XSignature.of(ConfigServiceStub.X_SECRET, body.getBytes(StandardCharsets.UTF_8));

        given().contentType("application/json").header("x-twitter-webhooks-signature", signature)
                .body(body.replace("adulterada", "adulterado")).when()
                .post("/webhooks/twitter/" + ConfigServiceStub.TWITTER_ID).then().statusCode(403)
                .contentType("application/problem+json");
        given().contentType("application/json").body(body).when()
                .post("/webhooks/twitter/" + ConfigServiceStub.TWITTER_ID).then().statusCode(403);

        assertThat(inboundWith(id, Duration.ofSeconds(2))).isEmpty();
    }

    /**
     * The forgery the CRC endpoint allowed: its answer is the HMAC an event signature is, so asking it to "answer" an
     * event body handed out that body's signature. Such a token is refused, and the body posted with the signature
     * an attacker would compute from any answer it can still get is refused too and publishes nothing.
     */
    @Test
    void aBodyObtainedFromTheCrcEndpointAndReplayedAsAnEventGets403AndPublishesNothing() {
        String id = "149" + System.nanoTime();
        String forged = delivery(id, "4099", "forjada " + id).strip();

        given().queryParam("crc_token", forged).when().get("/webhooks/twitter/" + ConfigServiceStub.TWITTER_ID)
                .then().statusCode(400).contentType("application/problem+json");
        // what the endpoint signs is the token's bytes: an X-shaped token signs no JSON body
        String answered = given().queryParam("crc_token", "eyJmb3JfdXNlcl9pZCI6IjMwMDEifQ==").when()
                .get("/webhooks/twitter/" + ConfigServiceStub.TWITTER_ID).then().statusCode(200).extract()
                .path("response_token");
        given().contentType("application/json").header("x-twitter-webhooks-signature", answered).body(forged).when()
                .post("/webhooks/twitter/" + ConfigServiceStub.TWITTER_ID).then().statusCode(403)
                .contentType("application/problem+json");

        assertThat(inboundWith(id, Duration.ofSeconds(2))).isEmpty();
    }

    @Test
    void aValidlySignedDeliveryForAnotherAccountGets403AndPublishesNothing() {
        String id = "150" + System.nanoTime();
        String body = delivery(id, "4002", "outra conta " + id).replace("\"for_user_id\":\"3001\"",
                "\"for_user_id\":\"9999\"");

        signed(body).when().post("/webhooks/twitter/" + ConfigServiceStub.TWITTER_ID).then().statusCode(403)
                .contentType("application/problem+json");

        assertThat(inboundWith(id, Duration.ofSeconds(2))).isEmpty();
    }

    @Test
    void theAccountsEchoIsAcceptedAndDropped() {
        String id = "148" + System.nanoTime();
        signed(delivery(id, ConfigServiceStub.X_ACCOUNT_ID, "eco " + id)).when()
                .post("/webhooks/twitter/" + ConfigServiceStub.TWITTER_ID).then().statusCode(200);

        assertThat(inboundWith("eco " + id, Duration.ofSeconds(2))).isEmpty();
    }

    @Test
    void badInputGetsAProblemAndUnknownInteractionsA404() {
        signed("{\"direct_message_events\":[").when().post("/webhooks/twitter/" + ConfigServiceStub.TWITTER_ID).then()
                .statusCode(400).contentType("application/problem+json");
        signed("{\"direct_message_events\":[{\"type\":\"message_create\"}]}").when()
                .post("/webhooks/twitter/" + ConfigServiceStub.TWITTER_ID).then().statusCode(400)
                .contentType("application/problem+json");
        signed("{}").contentType("text/plain").when().post("/webhooks/twitter/" + ConfigServiceStub.TWITTER_ID).then()
                .statusCode(415);
        signed("{}").when().post("/webhooks/twitter/unknown").then().statusCode(404);
        signed("{}").when().post("/webhooks/twitter/" + ConfigServiceStub.WHATSAPP_ID).then().statusCode(404);
        // typing indicators and other kinds arrive on the same URL: 200, nothing published
        signed("{\"for_user_id\":\"3001\",\"direct_message_indicate_typing_events\":[{\"sender_id\":\"4002\"}]}")
                .when().post("/webhooks/twitter/" + ConfigServiceStub.TWITTER_ID).then().statusCode(200);
    }
}
