package omnichannel.bridge;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import omnichannel.events.Channel;
import omnichannel.events.DeliveryStatus;
import omnichannel.events.Event;
import omnichannel.events.InboundMessage;
import omnichannel.events.OutboundMessage;
import omnichannel.events.Participant;
import omnichannel.events.Topics;
import omnichannel.events.json.EventJson;
import omnichannel.infra.KafkaRecords;
import omnichannel.testing.SharedInfrastructure;

/** What the bridge's tests put on and read from the real Kafka broker. */
public final class BridgeKafka {

    private BridgeKafka() {
    }

    public static InboundMessage inbound(String interaction, String from, String text) {
        return inbound(interaction, from, text, Instant.now());
    }

    /** A message the gateway received at {@code receivedAt} (a person's last message 25 hours ago, a Sunday night). */
    public static InboundMessage inbound(String interaction, String from, String text, Instant receivedAt) {
        return inbound(interaction, from, text, receivedAt, List.of());
    }

    /** A message with files, as the gateway normalises Twilio's {@code MediaUrl{N}}/{@code MediaContentType{N}}. */
    public static InboundMessage inbound(String interaction, String from, String text,
            List<omnichannel.events.Attachment> files) {
        return inbound(interaction, from, text, Instant.now(), files);
    }

    private static InboundMessage inbound(String interaction, String from, String text, Instant receivedAt,
            List<omnichannel.events.Attachment> files) {
        String sid = (files.isEmpty() ? "SM" : "MM") + UUID.randomUUID().toString().replace("-", "");
        return new InboundMessage(UUID.randomUUID(), Event.SCHEMA_VERSION, receivedAt, interaction,
                Channel.WHATSAPP_TWILIO, sid, sid, new Participant(from, "Maria", null, from), "+5511999990000", text,
                files, null, null, null, false, false, receivedAt, Map.of());
    }

    public static InboundMessage inbound(String from, String text) {
        return inbound(FourBizStub.INTERACTION, from, text);
    }

    public static void publish(InboundMessage message) {
        send(Topics.INBOUND, message.conversationKey(), EventJson.write(message));
    }

    public static void publish(DeliveryStatus status) {
        send(Topics.DELIVERY, status.conversationKey(), EventJson.write(status));
    }

    /** A record on the delivery topic as written, whatever it says (e.g. one no current producer could write). */
    public static void publishDelivery(String key, String json) {
        send(Topics.DELIVERY, key, json.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(String topic, String key, byte[] value) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                SharedInfrastructure.kafka().bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value));
        }
    }

    /** The records on the topic whose value contains the text. */
    public static List<ConsumerRecord<String, String>> on(String topic, String text) {
        return onAny(topic, List.of(text));
    }

    /** The records on the topic containing any of the texts: one read (each read waits a second) for many. */
    public static List<ConsumerRecord<String, String>> onAny(String topic, java.util.Collection<String> texts) {
        return KafkaRecords.read(SharedInfrastructure.kafka().bootstrapServers(), topic,
                record -> record.value() != null && texts.stream().anyMatch(record.value()::contains),
                Duration.ofSeconds(1));
    }

    /** The outbound WhatsApp messages to this person, oldest first. */
    public static List<OutboundMessage> sentTo(String interaction, String person) {
        String key = interaction + ":" + person;
        return KafkaRecords.read(SharedInfrastructure.kafka().bootstrapServers(), Topics.OUTBOUND_WHATSAPP,
                record -> interaction.equals(record.key()), Duration.ofSeconds(1)).stream()
                .map(record -> EventJson.read(record.value().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        OutboundMessage.class))
                .filter(message -> key.equals(message.conversationKey()))
                .toList();
    }

    public static List<OutboundMessage> sentTo(String person) {
        return sentTo(FourBizStub.INTERACTION, person);
    }
}
