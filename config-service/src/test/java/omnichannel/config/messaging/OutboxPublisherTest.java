package omnichannel.config.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import omnichannel.config.ConfigServiceTest;
import omnichannel.events.InteractionChanged;
import omnichannel.events.Topics;
import omnichannel.events.json.EventJson;
import omnichannel.infra.KafkaRecords;
import omnichannel.testing.SharedInfrastructure;

@QuarkusTest
class OutboxPublisherTest extends ConfigServiceTest {

    @Test
    void everyChangeReachesTheInteractionsTopicInOrderKeyedByInteraction() {
        String id = create(whatsappBody("Eventos"));
        admin().header("If-Match", "\"0\"").body(whatsappBody("Eventos 2")).put("/api/v1/interactions/" + id)
                .then().statusCode(200);
        admin().delete("/api/v1/interactions/" + id).then().statusCode(204);

        List<ConsumerRecord<String, String>> records = await().atMost(Duration.ofSeconds(15))
                .until(() -> KafkaRecords.read(SharedInfrastructure.kafka().bootstrapServers(), Topics.INTERACTIONS,
                        record -> id.equals(record.key()), Duration.ofSeconds(1)), list -> list.size() >= 3);

        List<InteractionChanged> events = records.stream()
                .map(r -> EventJson.read(r.value().getBytes(), InteractionChanged.class)).toList();
        assertThat(events).extracting(InteractionChanged::change).containsExactly(InteractionChanged.Change.CREATED,
                InteractionChanged.Change.UPDATED, InteractionChanged.Change.DELETED);
        assertThat(events.get(1).name()).isEqualTo("Eventos 2");
        assertThat(events.get(2).active()).isFalse();
        assertThat(records).allSatisfy(r -> assertThat(r.value()).doesNotContain(AUTH_TOKEN));
    }
}
