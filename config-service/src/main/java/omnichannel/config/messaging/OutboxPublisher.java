package omnichannel.config.messaging;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

import omnichannel.config.OutboxRecord;
import omnichannel.config.repository.OutboxRepository;

/**
 * Publishes the outbox to Kafka, oldest first, marking a record published only once Kafka acknowledged it. When Kafka
 * is down the records wait in the database; a record published twice (a crash between the ack and the mark) only
 * makes consumers drop a cache entry twice.
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

    @WithTransaction
    public Uni<Integer> publishPending() {
        return outbox.pending(BATCH).chain(records -> Multi.createFrom().iterable(records)
                .onItem().transformToUniAndConcatenate(this::publish)
                .collect().asList()
                .map(java.util.List::size));
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
