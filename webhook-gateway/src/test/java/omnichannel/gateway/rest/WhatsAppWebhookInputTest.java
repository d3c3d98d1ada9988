package omnichannel.gateway.rest;

import static io.restassured.RestAssured.given;
import static omnichannel.gateway.rest.WhatsAppWebhookResourceTest.inboundWith;
import static omnichannel.gateway.rest.WhatsAppWebhookResourceTest.newSid;
import static omnichannel.gateway.rest.WhatsAppWebhookResourceTest.signed;
import static omnichannel.gateway.rest.WhatsAppWebhookResourceTest.webhook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

import omnichannel.events.DeliveryStatus;
import omnichannel.events.Topics;
import omnichannel.events.TwilioStatusCallback;
import omnichannel.events.json.EventJson;
import omnichannel.gateway.ConfigServiceStub;
import omnichannel.infra.KafkaRecords;
import omnichannel.testing.KafkaTestResource;
import omnichannel.testing.SharedInfrastructure;
import omnichannel.testing.http.RawHttp;

/** Bad input gets a 4xx problem body and produces no event; status callbacks become TwilioStatusCallback events. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(ConfigServiceStub.class)
class WhatsAppWebhookInputTest {

    static final String PATH = "/webhooks/whatsapp/" + ConfigServiceStub.WHATSAPP_ID;

    @Test
    void statusCallbackBecomesATwilioStatusCallbackEvent() {
        String sid = newSid();
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("MessageSid", List.of(sid));
        params.put("MessageStatus", List.of("undelivered"));
        params.put("ErrorCode", List.of("63016"));
        params.put("ErrorMessage", List.of("Outside the 24-hour window"));
        params.put("To", List.of("whatsapp:+5511912345678"));
        params.put("From", List.of("whatsapp:+5511999990000"));

        signed(PATH + "/status", params, ConfigServiceStub.AUTH_TOKEN).when().post(PATH + "/status")
                .then().statusCode(204);

        List<ConsumerRecord<String, String>> records = KafkaRecords.read(SharedInfrastructure.kafka().bootstrapServers(),
                Topics.WHATSAPP_STATUS, record -> record.value().contains(sid), Duration.ofSeconds(3));
        assertThat(records).hasSize(1);
        assertThat(records.get(0).key()).isEqualTo(ConfigServiceStub.WHATSAPP_ID + ":+5511912345678");
        TwilioStatusCallback status = EventJson.read(records.get(0).value().getBytes(), TwilioStatusCallback.class);
        assertThat(status.state()).isEqualTo(DeliveryStatus.State.UNDELIVERED);
        assertThat(status.errorCode()).isEqualTo("63016");
        assertThat(status.providerMessageId()).isEqualTo(sid);
    }

    @Test
    void statusCallbackWithABadSignatureOrUnknownStatusIsRefused() {
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("MessageSid", List.of(newSid()));
        params.put("MessageStatus", List.of("delivered"));
        params.put("To", List.of("whatsapp:+5511912345678"));
        signed(PATH + "/status", params, "wrong").when().post(PATH + "/status").then().statusCode(403);
        params.put("MessageStatus", List.of("teleported"));
        signed(PATH + "/status", params, ConfigServiceStub.AUTH_TOKEN).when().post(PATH + "/status")
                .then().statusCode(400).contentType("application/problem+json");
    }

    /**
     * What a fuzzer found earning a 5xx or becoming a requester such as {@code whatsapp_not a number}: validly signed,
     * each is now a 400 problem and publishes nothing.
     */
    @Test
    void signedWebhooksWithASenderThatIsNoPersonOrNonsenseValuesGet400AndNoEvent() {
        List<Map<String, String>> cases = List.of(Map.of("From", "whatsapp:"), Map.of("From", "whatsapp:not a number"),
                Map.of("From", "sms:+5511912345678"), Map.of("From", "whatsapp:+"),
                Map.of("From", "whatsapp:US." + "A".repeat(3000)), Map.of("MediaUrl99999999999", "https://x"),
                Map.of("Latitude", "NaN", "Longitude", "10"), Map.of("Latitude", "10", "Longitude", "Infinity"));
        List<String> sids = new java.util.ArrayList<>();
        for (Map<String, String> changes : cases) {
            String sid = newSid();
            sids.add(sid);
            Map<String, List<String>> params = webhook(sid);
            changes.forEach((name, value) -> params.put(name, List.of(value)));

            signed(PATH, params, ConfigServiceStub.AUTH_TOKEN).when().post(PATH).then().statusCode(400)
                    .contentType("application/problem+json");
        }
        // and the one valid webhook after them is published: the reader below would see them
        String valid = newSid();
        signed(PATH, webhook(valid), ConfigServiceStub.AUTH_TOKEN).when().post(PATH).then().statusCode(200);

        List<ConsumerRecord<String, String>> published = KafkaRecords.read(
                SharedInfrastructure.kafka().bootstrapServers(), Topics.INBOUND,
                record -> sids.stream().anyMatch(record.value()::contains) || record.value().contains(valid),
                Duration.ofSeconds(3));
        assertThat(published).hasSize(1);
        assertThat(published.get(0).value()).contains(valid);
    }

    @Test
    void aLongBusinessScopedSenderIdIsAPersonNotARefusal() {
        String sid = newSid();
        Map<String, List<String>> params = webhook(sid);
        params.put("From", List.of("whatsapp:BR." + "Z9".repeat(150)));

        signed(PATH, params, ConfigServiceStub.AUTH_TOKEN).when().post(PATH).then().statusCode(200);

        assertThat(inboundWith(sid, Duration.ofSeconds(2))).hasSize(1);
    }

    @Test
    void numMediaThatDoesNotMatchIs400AndNoEvent() {
        String sid = newSid();
        Map<String, List<String>> params = webhook(sid);
        params.put("NumMedia", List.of("2"));
        params.put("MediaUrl0", List.of("https://api.twilio.com/m/0"));

        signed(PATH, params, ConfigServiceStub.AUTH_TOKEN).when().post(PATH)
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("MediaUrl1"));
        assertThat(inboundWith(sid, Duration.ofSeconds(2))).isEmpty();
    }

    @Test
    void wrongContentTypeIs415Problem() {
        given().contentType("application/json").body("{\"MessageSid\":\"SM1\"}")
                .when().post(PATH)
                .then().statusCode(415).contentType("application/problem+json");
        given().contentType("text/plain").body("MessageSid=SM1")
                .when().post(PATH)
                .then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void bodyOver64KibIs413Problem() {
        given().contentType("application/x-www-form-urlencoded").body("Body=" + "x".repeat(70 * 1024))
                .when().post(PATH)
                .then().statusCode(413).contentType("application/problem+json").body("status", equalTo(413));
    }

    @Test
    void aUriWithABrokenEscapeOrAboveFourKilobytesIsAProblemNeverABareError() {
        try (RawHttp http = new RawHttp("localhost", RestAssured.port)) {
            RawHttp.Response brokenQuery = http.send("GET",
                    "/webhooks/twitter/" + ConfigServiceStub.TWITTER_ID + "?crc_token=%zz", Map.of(), null);
            assertThat(brokenQuery.status()).isEqualTo(400);
            assertThat(brokenQuery.contentType()).isEqualTo("application/problem+json");
            assertThat(brokenQuery.body()).contains("escape");

            RawHttp.Response notUtf8Path = http.send("POST", "/webhooks/whatsapp/%C3%28",
                    Map.of("Content-Type", "application/x-www-form-urlencoded"), "Body=x".getBytes());
            assertThat(notUtf8Path.status()).isEqualTo(400);
            assertThat(notUtf8Path.contentType()).isEqualTo("application/problem+json");

            RawHttp.Response tooLong = http.send("GET", "/webhooks/twitter/abc?crc_token=" + "a".repeat(5000), Map.of(),
                    null);
            assertThat(tooLong.status()).isEqualTo(414);
            assertThat(tooLong.contentType()).isEqualTo("application/problem+json");
            assertThat(tooLong.body()).contains("\"status\":414");
        }
    }

    @Test
    void invalidUtf8AndTruncatedEscapesAre400() {
        byte[] invalidUtf8 = {'B', 'o', 'd', 'y', '=', (byte) 0xC3, (byte) 0x28};
        // ISO-8859-1 maps every byte to one char and back, so these exact bytes go on the wire
        given().contentType("application/x-www-form-urlencoded; charset=ISO-8859-1")
                .body(new String(invalidUtf8, java.nio.charset.StandardCharsets.ISO_8859_1))
                .when().post(PATH)
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("UTF-8"));
        given().contentType("application/x-www-form-urlencoded").body("Body=abc%2")
                .when().post(PATH)
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType("application/x-www-form-urlencoded").body("Body=%ZZ")
                .when().post(PATH)
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void missingMessageSidIs400() {
        Map<String, List<String>> params = webhook(newSid());
        params.remove("MessageSid");
        signed(PATH, params, ConfigServiceStub.AUTH_TOKEN).when().post(PATH)
                .then().statusCode(400).body("detail", containsString("MessageSid"));
    }

    @Test
    void logOnlyModeAcceptsABadSignatureAndCountsIt() {
        String sid = newSid();
        String path = "/webhooks/whatsapp/" + ConfigServiceStub.LOG_ONLY_ID;
        Map<String, List<String>> params = webhook(sid);
        signed(path, params, "not-the-token").when().post(path).then().statusCode(200);

        assertThat(inboundWith(sid, Duration.ofSeconds(3))).hasSize(1);
        given().get("/q/metrics").then().body(containsString("omnichannel_webhook_signature_failures_total"))
                .body(containsString("mode=\"log-only\""));
    }

    @Test
    void logOnlyModeEndsByItselfAtItsExpiry() {
        String sid = newSid();
        String path = "/webhooks/whatsapp/" + ConfigServiceStub.LOG_ONLY_EXPIRED_ID;
        Map<String, List<String>> params = webhook(sid);
        signed(path, params, "not-the-token").when().post(path).then().statusCode(403).contentType("application/problem+json");

        assertThat(inboundWith(sid, Duration.ofSeconds(2))).isEmpty();
    }

    @Test
    void aSelfTestThatPassesOnlyBecauseOfLogOnlyModeSaysSo() {
        String path = "/webhooks/whatsapp/" + ConfigServiceStub.LOG_ONLY_ID;
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put(omnichannel.platform.twilio.SelfTest.PARAMETER, List.of("check"));
        for (var signedWith : Map.of("not-the-token", omnichannel.platform.twilio.SelfTest.LOG_ONLY,
                ConfigServiceStub.AUTH_TOKEN, omnichannel.platform.twilio.SelfTest.AUTHENTICATED).entrySet()) {
            signed(path, params, signedWith.getKey()).when().post(path).then().statusCode(200)
                    .header(omnichannel.platform.twilio.SelfTest.HEADER, signedWith.getValue());
        }
    }

    /** A fuzzer's finding: {@code /webhooks/whatsapp/%00} earned a 503 (which Twilio would retry for ever). */
    @Test
    void aWebhookForAnIdNobodyCouldHaveIsA4xxProblemNeverA5xx() {
        for (String id : new String[]{"%00", "a%00b"}) {
            given().urlEncodingEnabled(false).contentType("application/x-www-form-urlencoded").body("From=x")
                    .post("/webhooks/whatsapp/" + id).then().statusCode(400).contentType("application/problem+json");
        }
        for (String id : new String[]{"x".repeat(300), "%E2%80%AE"}) {
            given().urlEncodingEnabled(false).contentType("application/x-www-form-urlencoded").body("From=x")
                    .post("/webhooks/whatsapp/" + id).then().statusCode(404).contentType("application/problem+json");
            given().urlEncodingEnabled(false).contentType("application/json").body("{}")
                    .post("/webhooks/twitter/" + id).then().statusCode(404).contentType("application/problem+json");
        }
    }

    /** During a rotation Twilio may sign with either token (its documented behaviour); any other still gets 403. */
    @Test
    void whileTwilioRotatesTheAuthTokenBothTokensValidateAndNoOther() {
        String secondary = newSid();
        signed(PATH, webhook(secondary), ConfigServiceStub.SECONDARY_AUTH_TOKEN).when().post(PATH).then().statusCode(200);
        String other = newSid();
        signed(PATH, webhook(other), "some-other-token").when().post(PATH).then().statusCode(403);

        assertThat(inboundWith(secondary, Duration.ofSeconds(2))).hasSize(1);
        assertThat(inboundWith(other, Duration.ofSeconds(1))).isEmpty();
    }
}
