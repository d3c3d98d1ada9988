package omnichannel.twitter;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import omnichannel.events.Channel;
import omnichannel.events.DeliveryStatus;
import omnichannel.events.Event;
import omnichannel.events.InboundMessage;
import omnichannel.events.InteractionChanged;
import omnichannel.events.OutboundMessage;
import omnichannel.events.Participant;
import omnichannel.events.Topics;
import omnichannel.events.json.EventJson;
import omnichannel.infra.KafkaRecords;
import omnichannel.testing.SharedInfrastructure;

/** What channel-twitter's tests put on and read from the real Kafka broker. */
public final class TwitterKafka {

    private TwitterKafka() {
    }

    public static OutboundMessage outbound(String to, String text) {
        return new OutboundMessage(UUID.randomUUID(), Event.SCHEMA_VERSION, Instant.now(), XStub.WEBHOOK_INTERACTION,
                Channel.TWITTER_DM, "corr-" + UUID.randomUUID(), OutboundMessage.Purpose.ATTENDANT_ANSWER,
                new Participant(to, "Joana", "joanalima", null), text, List.of(), "4521", Instant.now(), Map.of());
    }

    public static void publish(OutboundMessage message) {
        send(Topics.OUTBOUND_TWITTER, message.interactionId(), EventJson.write(message));
    }

    public static void changed(String interactionId) {
        InteractionChanged change = new InteractionChanged(UUID.randomUUID(), Event.SCHEMA_VERSION, Instant.now(),
                interactionId, Channel.TWITTER_DM, "corr-" + interactionId, InteractionChanged.Change.CREATED,
                "Suporte X", true, 1);
        send(Topics.INTERACTIONS, interactionId, EventJson.write(change));
    }

    private static void send(String topic, String key, byte[] value) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                SharedInfrastructure.kafka().bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value));
        }
    }

    public static List<DeliveryStatus> deliveries(OutboundMessage about) {
        return KafkaRecords.read(SharedInfrastructure.kafka().bootstrapServers(), Topics.DELIVERY,
                record -> record.value() != null && record.value().contains(about.eventId().toString()),
                Duration.ofSeconds(1)).stream()
                .map(r -> EventJson.read(r.value().getBytes(StandardCharsets.UTF_8), DeliveryStatus.class)).toList();
    }

    public static List<InboundMessage> inbound(String interactionId) {
        return KafkaRecords.read(SharedInfrastructure.kafka().bootstrapServers(), Topics.INBOUND,
                record -> record.key() != null && record.key().startsWith(interactionId + ":"), Duration.ofSeconds(1))
                .stream().map(r -> EventJson.read(r.value().getBytes(StandardCharsets.UTF_8), InboundMessage.class))
                .toList();
    }
}
