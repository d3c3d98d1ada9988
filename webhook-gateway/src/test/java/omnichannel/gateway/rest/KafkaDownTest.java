package omnichannel.gateway.rest;

import static omnichannel.gateway.rest.WhatsAppWebhookResourceTest.newSid;
import static omnichannel.gateway.rest.WhatsAppWebhookResourceTest.signed;
import static omnichannel.gateway.rest.WhatsAppWebhookResourceTest.webhook;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import omnichannel.gateway.ConfigServiceStub;
import omnichannel.infra.FreePorts;

/** R2: Kafka not answering → 503 within about 5 s, so that Twilio retries; never a 200 for an unstored message. */
@QuarkusTest
@TestProfile(KafkaDownTest.NoKafka.class)
class KafkaDownTest {

    /** A bootstrap address where nothing listens, and no shared broker. */
    public static class NoKafka implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kafka.bootstrap.servers", "127.0.0.1:" + FreePorts.next());
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ConfigServiceStub.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @Test
    void answers503WithinTheAckTimeoutWhenKafkaIsDown() {
        String path = "/webhooks/whatsapp/" + ConfigServiceStub.WHATSAPP_ID;
        // warm up (and cache the interaction) with a request that never reaches Kafka
        signed(path, webhook(newSid()), "not-the-token").when().post(path).then().statusCode(403);
        long start = System.nanoTime();

        signed(path, webhook(newSid()), ConfigServiceStub.AUTH_TOKEN).when().post(path)
                .then().statusCode(503).contentType("application/problem+json").header("Retry-After", "5");

        assertThat((System.nanoTime() - start) / 1_000_000).as("milliseconds to answer").isLessThan(6_000);
    }
}
