package omnichannel.config.messaging;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

import omnichannel.config.OutboxRecord;
import omnichannel.config.repository.OutboxRepository;

/**
 * Publishes the outbox to Kafka, oldest first, one record per transaction: each is claimed with
 * {@code FOR UPDATE SKIP LOCKED} (replicas share the work and never publish the same record at once) and marked
 * published only once Kafka acknowledged it. When Kafka is down the records wait in the database; a record published
 * twice (a crash between the ack and the mark) only makes consumers drop a cache entry twice.
 */
@ApplicationScoped
public class OutboxPublisher {

    private static final int BATCH = 100;

    private final OutboxRepository outbox;
    private final MutinyEmitter<String> interactions;

    public OutboxPublisher(OutboxRepository outbox, @Channel("interactions") MutinyEmitter<String> interactions) {
        this.outbox = outbox;
        this.interactions = interactions;
    }

    @Scheduled(every = "${outbox.interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return publishPending()
                .onFailure().invoke(e -> Log.warnf("outbox not published yet, will retry: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Up to a batch of records, one transaction each; the number published. */
    public Uni<Integer> publishPending() {
        return publishFrom(0);
    }

    private Uni<Integer> publishFrom(int published) {
        if (published >= BATCH) {
            return Uni.createFrom().item(published);
        }
        return publishOne().chain(one -> one ? publishFrom(published + 1) : Uni.createFrom().item(published));
    }

    private Uni<Boolean> publishOne() {
        return Panache.withTransaction(() -> outbox.claimOldest().chain(record -> record == null
                ? Uni.createFrom().item(false)
                : publish(record).replaceWith(true)));
    }

    private Uni<OutboxRecord> publish(OutboxRecord record) {
        return interactions.sendMessage(Message.of(record.payload).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(record.recordKey)
                .withTopic(record.topic)
                .build()))
                .invoke(() -> record.publishedAt = Instant.now())
                .replaceWith(record);
    }
}
