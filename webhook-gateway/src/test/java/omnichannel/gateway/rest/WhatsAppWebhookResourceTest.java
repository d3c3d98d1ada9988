package omnichannel.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;

import omnichannel.events.InboundMessage;
import omnichannel.events.Topics;
import omnichannel.events.json.EventJson;
import omnichannel.gateway.ConfigServiceStub;
import omnichannel.infra.KafkaRecords;
import omnichannel.simulators.twilio.TwilioWebhookSigner;
import omnichannel.testing.KafkaTestResource;
import omnichannel.testing.SharedInfrastructure;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(ConfigServiceStub.class)
class WhatsAppWebhookResourceTest {

    static final String PUBLIC_BASE = "https://hooks.example.com";

    public static Map<String, List<String>> webhook(String messageSid) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("MessageSid", List.of(messageSid));
        params.put("AccountSid", List.of("AC0123456789abcdef0123456789abcdef"));
        params.put("From", List.of("whatsapp:+5511912345678"));
        params.put("To", List.of("whatsapp:+5511999990000"));
        params.put("Body", List.of("Minha impressora não funciona"));
        params.put("ProfileName", List.of("Maria"));
        params.put("WaId", List.of("5511912345678"));
        params.put("NumMedia", List.of("0"));
        return params;
    }

    public static String newSid() {
        return "SM" + UUID.randomUUID().toString().replace("-", "");
    }

    public static RequestSpecification signed(String path, Map<String, List<String>> params, String token) {
        RequestSpecification request = given().contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .header("X-Twilio-Signature", TwilioWebhookSigner.sign(token, PUBLIC_BASE + path, params));
        params.forEach((name, values) -> values.forEach(value -> request.formParam(name, value)));
        return request;
    }

    public static List<ConsumerRecord<String, String>> inboundWith(String sid, Duration window) {
        return KafkaRecords.read(SharedInfrastructure.kafka().bootstrapServers(), Topics.INBOUND,
                record -> record.value().contains(sid), window);
    }

    @Inject
    KafkaClientService kafkaClients;

    /** platform's ProducerDefaults reach every producer (a webhook is answered only once every replica has it). */
    @Test
    void everyProducerSendsWithThePlatformsDurabilitySettings() {
        assertThat(kafkaClients.getProducerChannels()).contains("inbound", "whatsapp-status");
        for (String channel : kafkaClients.getProducerChannels()) {
            Map<String, ?> config = kafkaClients.getProducer(channel).configuration();
            assertThat(String.valueOf(config.get("acks"))).as(channel).isEqualTo("all");
            assertThat(String.valueOf(config.get("enable.idempotence"))).as(channel).isEqualTo("true");
            assertThat(String.valueOf(config.get("delivery.timeout.ms"))).as(channel + ": its own setting kept")
                    .isEqualTo("5000");
        }
    }

    @Test
    void signedMessageIsPublishedThenAnsweredWithEmptyTwiml() {
        String sid = newSid();
        String path = "/webhooks/whatsapp/" + ConfigServiceStub.WHATSAPP_ID;

        signed(path, webhook(sid), ConfigServiceStub.AUTH_TOKEN)
                .when().post(path)
                .then().statusCode(200)
                .contentType("text/xml")
                .body(equalTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>"));

        List<ConsumerRecord<String, String>> records = inboundWith(sid, Duration.ofSeconds(3));
        assertThat(records).hasSize(1);
        assertThat(records.get(0).key()).isEqualTo(ConfigServiceStub.WHATSAPP_ID + ":+5511912345678");
        InboundMessage message = EventJson.read(records.get(0).value().getBytes(), InboundMessage.class);
        assertThat(message.providerMessageId()).isEqualTo(sid);
        assertThat(message.correlationId()).isEqualTo(sid);
        assertThat(message.text()).isEqualTo("Minha impressora não funciona");
        assertThat(message.sender().displayName()).isEqualTo("Maria");
        assertThat(message.sender().phoneNumber()).isEqualTo("+5511912345678");
        assertThat(message.raw()).containsEntry("WaId", List.of("5511912345678"));
    }

    @Test
    void signatureCoversTheRawQueryTheRequestArrivedWith() {
        String sid = newSid();
        String path = "/webhooks/whatsapp/" + ConfigServiceStub.WHATSAPP_ID + "?tag=a%20b";

        Map<String, List<String>> params = webhook(sid);
        StringBuilder body = new StringBuilder();
        params.forEach((name, values) -> values.forEach(value -> body.append(body.length() == 0 ? "" : "&")
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8))));

        given().urlEncodingEnabled(false).contentType("application/x-www-form-urlencoded")
                .header("X-Twilio-Signature",
                        TwilioWebhookSigner.sign(ConfigServiceStub.AUTH_TOKEN, PUBLIC_BASE + path, params))
                .body(body.toString())
                .when().post(path)
                .then().statusCode(200);
    }

    @Test
    void tamperedParameterGets403AndNoEvent() {
        String sid = newSid();
        String path = "/webhooks/whatsapp/" + ConfigServiceStub.WHATSAPP_ID;
        Map<String, List<String>> params = webhook(sid);
        String signature = TwilioWebhookSigner.sign(ConfigServiceStub.AUTH_TOKEN, PUBLIC_BASE + path, params);
        params.put("Body", List.of("tampered"));

        RequestSpecification request = given().contentType("application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", signature);
        params.forEach((name, values) -> values.forEach(value -> request.formParam(name, value)));
        request.when().post(path)
                .then().statusCode(403).contentType("application/problem+json");

        assertThat(inboundWith(sid, Duration.ofSeconds(2))).isEmpty();
    }

    @Test
    void signedSelfTestIsAuthenticatedAndPublishesNothing() {
        String sid = newSid();
        String path = "/webhooks/whatsapp/" + ConfigServiceStub.WHATSAPP_ID;
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("OmnichannelSelfTest", List.of(sid));

        signed(path, params, ConfigServiceStub.AUTH_TOKEN)
                .when().post(path)
                .then().statusCode(200).header("X-Omnichannel-Self-Test", "authenticated");
        signed(path, params, "wrong-token").when().post(path).then().statusCode(403);

        assertThat(inboundWith(sid, Duration.ofSeconds(2))).isEmpty();
    }

    @Test
    void cachedInteractionKeepsWebhooksFlowingWhileConfigServiceIsDown() {
        String path = "/webhooks/whatsapp/" + ConfigServiceStub.WHATSAPP_ID;
        signed(path, webhook(newSid()), ConfigServiceStub.AUTH_TOKEN).when().post(path).then().statusCode(200);

        ConfigServiceStub.outage(true);
        try {
            signed(path, webhook(newSid()), ConfigServiceStub.AUTH_TOKEN).when().post(path).then().statusCode(200);
            String uncached = "/webhooks/whatsapp/never-seen";
            signed(uncached, webhook(newSid()), ConfigServiceStub.AUTH_TOKEN).when().post(uncached)
                    .then().statusCode(503).header("Retry-After", "5");
        } finally {
            ConfigServiceStub.outage(false);
        }
    }

    /**
     * R2: a webhook that met a 503 (config-service away) is retried by Twilio, because every URL we hand out asks for it
     * ({@code #rc=5&rp=5xx,ct,rt}): the retry is the same signed request with an idempotency token; it is accepted and
     * the message lands once.
     */
    @Test
    void aWebhookRefusedWith503IsAcceptedWhenTwilioRetriesItAndLandsOnce() {
        String path = "/webhooks/whatsapp/" + ConfigServiceStub.RETRIED_ID;
        String sid = newSid();
        Map<String, List<String>> params = webhook(sid);
        ConfigServiceStub.outage(true);
        try {
            signed(path, params, ConfigServiceStub.AUTH_TOKEN).when().post(path)
                    .then().statusCode(503).header("Retry-After", "5").contentType("application/problem+json");
        } finally {
            ConfigServiceStub.outage(false);
        }

        signed(path, params, ConfigServiceStub.AUTH_TOKEN).header("I-Twilio-Idempotency-Token", "retry-" + sid)
                .when().post(path).then().statusCode(200);

        assertThat(inboundWith(sid, Duration.ofSeconds(3))).hasSize(1);
    }

    @Test
    void missingSignatureGets403() {
        String path = "/webhooks/whatsapp/" + ConfigServiceStub.WHATSAPP_ID;
        given().contentType("application/x-www-form-urlencoded").formParam("MessageSid", newSid())
                .formParam("From", "whatsapp:+5511912345678")
                .when().post(path)
                .then().statusCode(403);
    }

    @Test
    void badSignaturesAreReportedToConfigServiceAndKeptWhileItIsDown() {
        String path = "/webhooks/whatsapp/" + ConfigServiceStub.REPORTED_ID;
        ConfigServiceStub.signatureReports(false);
        try {
            for (int i = 0; i < 3; i++) {
                signed(path, webhook(newSid()), "not-the-token").when().post(path).then().statusCode(403);
            }
            // reports every 0.5 s in tests: config-service refuses a few of them
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> ConfigServiceStub.signatureReportsAbout(ConfigServiceStub.REPORTED_ID)[1] >= 2);
        } finally {
            ConfigServiceStub.signatureReports(true);
        }
        // back: the three are reported once, in all
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> ConfigServiceStub.signatureReportsAbout(ConfigServiceStub.REPORTED_ID)[0] == 3);
        org.awaitility.Awaitility.await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
        assertThat(ConfigServiceStub.signatureReportsAbout(ConfigServiceStub.REPORTED_ID)[0]).isEqualTo(3);
    }

    @Test
    void signatureWithAnotherTokenGets403() {
        String path = "/webhooks/whatsapp/" + ConfigServiceStub.WHATSAPP_ID;
        signed(path, webhook(newSid()), "not-the-token").when().post(path).then().statusCode(403);
    }

    @Test
    void unknownInactiveOrOtherChannelInteractionGets404() {
        for (String id : List.of("unknown", ConfigServiceStub.INACTIVE_ID, ConfigServiceStub.TWITTER_ID)) {
            String path = "/webhooks/whatsapp/" + id;
            signed(path, webhook(newSid()), ConfigServiceStub.AUTH_TOKEN)
                    .when().post(path)
                    .then().statusCode(404).contentType("application/problem+json");
        }
    }
}
