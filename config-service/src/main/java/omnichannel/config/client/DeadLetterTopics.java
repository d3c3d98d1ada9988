package omnichannel.config.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import omnichannel.events.Topics;

/**
 * The dead-letter topics of every consumer, read from their start with a consumer of no group (nothing is committed,
 * nothing is taken from the services), and the republishing of a dead letter to the topic it came from. Blocking
 * Kafka clients: callers run this on worker threads.
 */
@ApplicationScoped
public class DeadLetterTopics {

    /** Every topic a consumer dead-letters into. */
    public static final List<String> TOPICS = List.of(Topics.deadLetter(Topics.INBOUND),
            Topics.deadLetter(Topics.OUTBOUND_WHATSAPP), Topics.deadLetter(Topics.OUTBOUND_TWITTER),
            Topics.deadLetter(Topics.DELIVERY), Topics.deadLetter(Topics.WHATSAPP_STATUS));

    /** SmallRye's dead-letter headers. */
    static final String REASON = "dead-letter-reason";
    static final String SOURCE_TOPIC = "dead-letter-topic";

    private static final Duration POLL = Duration.ofMillis(500);

    /** One dead letter as it is in Kafka. */
    public record Record(String topic, int partition, long offset, String key, byte[] value,
            Map<String, String> headers, Instant timestamp) {

        public String sourceTopic() {
            String source = headers.get(SOURCE_TOPIC);
            return source != null ? source : topic.replaceAll("\\.dlq$", "");
        }

        public String reason() {
            return headers.get(REASON);
        }
    }

    private final String bootstrap;
    private volatile KafkaProducer<byte[], byte[]> producer;

    public DeadLetterTopics(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap) {
        this.bootstrap = bootstrap;
    }

    /** Every record of the dead-letter topics, in topic, partition and offset order. */
    public List<Record> readAll() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "config-service-dead-letters-" + UUID.randomUUID());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<Record> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            // one metadata request; a dead-letter topic nobody has written to yet does not exist
            Map<String, List<PartitionInfo>> existing = consumer.listTopics(Duration.ofSeconds(5));
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : TOPICS) {
                existing.getOrDefault(topic, List.of())
                        .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
            if (partitions.isEmpty()) {
                return records;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(5));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                    Map<String, String> headers = new TreeMap<>();
                    for (Header header : r.headers()) {
                        headers.put(header.key(), header.value() == null
                                ? null
                                : new String(header.value(), StandardCharsets.UTF_8));
                    }
                    records.add(new Record(r.topic(), r.partition(), r.offset(),
                            r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8), r.value(), headers,
                            Instant.ofEpochMilli(r.timestamp())));
                }
            }
        }
        records.sort(Comparator.comparing(Record::topic).thenComparingInt(Record::partition)
                .thenComparingLong(Record::offset));
        return records;
    }

    /** Puts the record back on its source topic with its key and value, and waits for Kafka's acknowledgement. */
    public void republish(Record record) {
        ProducerRecord<byte[], byte[]> again = new ProducerRecord<>(record.sourceTopic(),
                record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8), record.value());
        again.headers().add("dead-letter-replayed-from",
                (record.topic() + ":" + record.partition() + ":" + record.offset()).getBytes(StandardCharsets.UTF_8));
        try {
            producer().send(again).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not take the replayed record: " + e.getMessage(), e);
        }
    }

    private KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            synchronized (this) {
                if (producer == null) {
                    Properties properties = new Properties();
                    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
                    properties.put(ProducerConfig.ACKS_CONFIG, "all");
                    properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
                    producer = new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
                }
            }
        }
        return producer;
    }

    @PreDestroy
    void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
