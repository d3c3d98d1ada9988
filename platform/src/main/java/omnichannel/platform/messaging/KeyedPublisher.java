package omnichannel.platform.messaging;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Publishes events keyed by conversation and completes only when Kafka acknowledged them ({@code acks=all} on the
 * channel): the one way every service writes to Kafka. Several events go one after the other, so they keep their order
 * on the partition.
 */
public final class KeyedPublisher<T> {

    private final MutinyEmitter<T> emitter;
    private final Function<T, String> key;
    private final Function<T, String> topic;
    private final Duration ackTimeout;

    /**
     * @param key the record key of an event (its conversation)
     * @param topic the topic of an event, or null for the channel's configured topic
     * @param ackTimeout how long to wait for Kafka's acknowledgement before failing with {@link KafkaUnavailable}
     */
    public KeyedPublisher(MutinyEmitter<T> emitter, Function<T, String> key, Function<T, String> topic,
            Duration ackTimeout) {
        this.emitter = emitter;
        this.key = key;
        this.topic = topic;
        this.ackTimeout = ackTimeout;
    }

    public Uni<Void> publish(T event) {
        OutgoingKafkaRecordMetadata.OutgoingKafkaRecordMetadataBuilder<String> metadata = OutgoingKafkaRecordMetadata
                .<String>builder().withKey(key.apply(event));
        if (topic != null) {
            metadata = metadata.withTopic(topic.apply(event));
        }
        Message<T> record = Message.of(event).addMetadata(metadata.build());
        return Uni.createFrom().deferred(() -> emitter.sendMessage(record))
                .ifNoItem().after(ackTimeout).fail()
                .onFailure().transform(KafkaUnavailable::new);
    }

    /** In this order; completes when Kafka has them all. */
    public Uni<Void> publishInOrder(List<T> events) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (T event : events) {
            chain = chain.chain(() -> publish(event));
        }
        return chain;
    }

    /** Kafka did not take the event in time: transient, the caller retries (or asks its sender to). */
    public static class KafkaUnavailable extends RuntimeException {

        public KafkaUnavailable(Throwable cause) {
            super("Kafka did not acknowledge: " + cause.getMessage(), cause);
        }
    }
}
