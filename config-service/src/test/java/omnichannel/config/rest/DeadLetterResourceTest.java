package omnichannel.config.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import omnichannel.config.ConfigServiceTest;
import omnichannel.events.Topics;
import omnichannel.infra.KafkaRecords;
import omnichannel.testing.SharedInfrastructure;

/** R10: dead letters listed with their reason, inspected, replayed to their source in order, or discarded. */
@QuarkusTest
class DeadLetterResourceTest extends ConfigServiceTest {

    @Test
    void deadLettersAreListedReplayedInOrderAndDiscarded() throws Exception {
        String key = "wa-dlq:+55119" + (System.nanoTime() % 100000);
        String first = "{\"n\":1,\"id\":\"" + UUID.randomUUID() + "\"}";
        String second = "{\"n\":2,\"id\":\"" + UUID.randomUUID() + "\"}";
        String other = "{\"n\":3,\"id\":\"" + UUID.randomUUID() + "\"}";
        String otherKey = key + "-other";
        deadLetter(key, first, "4biz: INPUT unknown activity 170");
        deadLetter(key, second, "4biz: INPUT unknown activity 170");
        deadLetter(otherKey, other, "value too long");

        viewer().queryParam("key", key).get("/api/v1/dead-letters").then().statusCode(200)
                .body("$", hasSize(2))
                .body("[0].reason", equalTo("4biz: INPUT unknown activity 170"))
                .body("[0].sourceTopic", equalTo(Topics.INBOUND))
                .body("[0].payload.n", equalTo(1));
        String otherId = viewer().queryParam("key", otherKey).get("/api/v1/dead-letters").then().statusCode(200)
                .body("$", hasSize(1)).extract().path("[0].id");
        viewer().get("/api/v1/dead-letters/" + otherId).then().statusCode(200).body("payload.n", equalTo(3));

        // viewers read, admins act
        viewer().queryParam("key", key).post("/api/v1/dead-letters/replay").then().statusCode(403);
        admin().queryParam("key", key).post("/api/v1/dead-letters/replay").then().statusCode(200).body("$", hasSize(2));

        List<ConsumerRecord<String, String>> replayed = KafkaRecords.read(SharedInfrastructure.kafka().bootstrapServers(),
                Topics.INBOUND, r -> key.equals(r.key()), Duration.ofSeconds(5));
        assertThat(replayed).extracting(ConsumerRecord::value).containsExactly(first, second);
        viewer().queryParam("key", key).get("/api/v1/dead-letters").then().statusCode(200).body("$", hasSize(0));

        admin().delete("/api/v1/dead-letters/" + otherId).then().statusCode(204);
        viewer().get("/api/v1/dead-letters/" + otherId).then().statusCode(404)
                .contentType("application/problem+json");
        admin().delete("/api/v1/dead-letters/" + otherId).then().statusCode(404);
        admin().queryParam("key", key).post("/api/v1/dead-letters/replay").then().statusCode(200).body("$", hasSize(0));
    }

    /**
     * A record refused again after a restart (its commit point was held back) lands on the dead-letter topic twice:
     * the operator sees one dead letter, and discarding it discards both copies.
     */
    @Test
    void aRecordDeadLetteredTwiceIsOneDeadLetter() throws Exception {
        String key = "wa-dlq-twice:+55119" + (System.nanoTime() % 100000);
        String value = "{\"n\":1,\"id\":\"" + UUID.randomUUID() + "\"}";
        for (int copy = 0; copy < 2; copy++) {
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                    SharedInfrastructure.kafka().bootstrapServers()), new StringSerializer(), new StringSerializer())) {
                ProducerRecord<String, String> record = new ProducerRecord<>(Topics.deadLetter(Topics.INBOUND), key,
                        value);
                record.headers().add("dead-letter-reason", "unreadable".getBytes(StandardCharsets.UTF_8));
                record.headers().add("dead-letter-topic", Topics.INBOUND.getBytes(StandardCharsets.UTF_8));
                record.headers().add("dead-letter-partition", "2".getBytes(StandardCharsets.UTF_8));
                record.headers().add("dead-letter-offset", "4711".getBytes(StandardCharsets.UTF_8));
                producer.send(record).get();
            }
        }

        String id = viewer().queryParam("key", key).get("/api/v1/dead-letters").then().statusCode(200)
                .body("$", hasSize(1)).extract().path("[0].id");
        admin().delete("/api/v1/dead-letters/" + id).then().statusCode(204);
        viewer().queryParam("key", key).get("/api/v1/dead-letters").then().statusCode(200).body("$", hasSize(0));
    }
}
