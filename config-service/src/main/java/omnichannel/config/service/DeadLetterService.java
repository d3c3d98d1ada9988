package omnichannel.config.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import omnichannel.config.DeadLetterAction;
import omnichannel.config.client.DeadLetterTopics;
import omnichannel.config.repository.DeadLetterActionRepository;
import omnichannel.events.ConversationKey;

/**
 * Dead letters as admins operate them (R10): the pending ones (in a dead-letter topic, neither replayed nor
 * discarded) listed and inspected with their reason, replayed to the topic they came from (one, or all of a
 * conversation in their original order), or discarded; every action recorded with who took it. Events carry no secret
 * by design (S2), so payloads are shown as they are. {@code omnichannel_dead_letters_pending{topic}} counts what waits.
 */
@ApplicationScoped
public class DeadLetterService {

    /** A pending dead letter. {@code id} is {@code topic:partition:offset}. */
    public record DeadLetter(String id, String topic, String sourceTopic, String key, String reason, Instant failedAt,
            Map<String, String> headers, JsonNode payload) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DeadLetterTopics topics;
    private final DeadLetterActionRepository actions;
    private final Map<String, AtomicLong> pendingByTopic = new ConcurrentHashMap<>();

    public DeadLetterService(DeadLetterTopics topics, DeadLetterActionRepository actions, MeterRegistry metrics) {
        this.topics = topics;
        this.actions = actions;
        DeadLetterTopics.TOPICS.forEach(topic -> pendingByTopic.put(topic,
                metrics.gauge("omnichannel.dead.letters.pending", List.of(Tag.of("topic",
                        topic)), new AtomicLong())));
    }

    /** The pending dead letters, oldest first per topic, optionally of one topic or one conversation (Kafka key). */
    public Uni<List<DeadLetter>> pending(String topic, String key) {
        return pendingRecords().map(records -> records.stream()
                .filter(r -> topic == null || topic.equals(r.topic()) || topic.equals(r.sourceTopic()))
                .filter(r -> key == null || key.equals(r.key()))
                .map(DeadLetterService::view).toList());
    }

    /** How many dead letters of one interaction's conversations are pending. */
    public Uni<Long> pendingOf(String interactionId) {
        return pendingRecords().map(records -> records.stream()
                .filter(r -> ConversationKey.isOf(r.key(), interactionId)).count());
    }

    /** One pending dead letter; null when there is none with this id (or it was replayed or discarded). */
    public Uni<DeadLetter> one(String id) {
        return find(id).map(r -> r == null ? null : view(r));
    }

    /** Puts the dead letter back on its source topic; null when there is no such pending dead letter. */
    public Uni<DeadLetter> replay(String id, String actor) {
        return find(id).chain(record -> record == null ? Uni.createFrom().nullItem() : replay(record, actor));
    }

    /**
     * Every pending dead letter of one conversation (Kafka key), oldest first: the consumer sees them again in the
     * order they first came.
     */
    public Uni<List<DeadLetter>> replayConversation(String key, String actor) {
        return pendingRecords().chain(records -> {
            List<DeadLetterTopics.Record> ofKey = records.stream().filter(r -> key.equals(r.key()))
                    .sorted(Comparator.comparing(DeadLetterTopics.Record::timestamp)
                            .thenComparingLong(DeadLetterTopics.Record::offset))
                    .toList();
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (DeadLetterTopics.Record record : ofKey) {
                chain = chain.chain(() -> replay(record, actor).replaceWithVoid());
            }
            return chain.replaceWith(() -> ofKey.stream().map(DeadLetterService::view).toList());
        });
    }

    /** Marks the dead letter discarded; false when there is no such pending dead letter. */
    public Uni<Boolean> discard(String id, String actor) {
        return find(id).chain(record -> record == null
                ? Uni.createFrom().item(false)
                : record(record, DeadLetterAction.DISCARDED, actor).replaceWith(true)
                        .invoke(() -> Log.infof("dead letter %s discarded by %s", id, actor)));
    }

    /** Keeps the pending counts current for the metric (and its alert). */
    @Scheduled(every = "${dead-letters.refresh:60s}", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return pendingRecords().invoke(records -> {
            Map<String, Long> counts = records.stream()
                    .collect(Collectors.groupingBy(DeadLetterTopics.Record::topic, Collectors.counting()));
            pendingByTopic.forEach((topic, gauge) -> gauge.set(counts.getOrDefault(topic, 0L)));
        }).replaceWithVoid()
                .onFailure().invoke(e -> Log.warnf("dead letters not counted: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }

    private Uni<DeadLetter> replay(DeadLetterTopics.Record record, String actor) {
        return blocking(() -> {
            topics.republish(record);
            return record;
        }).chain(() -> record(record, DeadLetterAction.REPLAYED, actor))
                .invoke(() -> Log.infof("dead letter %s replayed to %s by %s", id(record), record.sourceTopic(), actor))
                .replaceWith(() -> view(record));
    }

    private Uni<Void> record(DeadLetterTopics.Record record, String action, String actor) {
        DeadLetterAction entry = new DeadLetterAction();
        entry.topic = record.topic();
        entry.partition = record.partition();
        entry.offset = record.offset();
        entry.action = action;
        entry.actor = actor;
        entry.actedAt = Instant.now();
        return Panache.withTransaction(() -> actions.persist(entry)).replaceWithVoid();
    }

    private Uni<DeadLetterTopics.Record> find(String id) {
        return pendingRecords().map(records -> records.stream().filter(r -> id(r).equals(id)).findFirst()
                .orElse(null));
    }

    /**
     * The dead letters nobody acted on, one per failed record: a record dead-lettered again after a restart (its
     * partition's commit point was held back by a conversation still waiting, so it was delivered and refused once
     * more) is the same failure, shown once, and handled with the first copy.
     */
    private Uni<List<DeadLetterTopics.Record>> pendingRecords() {
        return Panache.withSession(() -> actions.listAll()).chain(done -> {
            Set<String> handled = done.stream().map(a -> a.topic + ":" + a.partition + ":" + a.offset)
                    .collect(Collectors.toSet());
            return blocking(topics::readAll).map(records -> {
                Set<String> handledOrigins = records.stream().filter(r -> handled.contains(id(r)))
                        .map(DeadLetterService::origin).collect(Collectors.toSet());
                Set<String> seen = new HashSet<>();
                return records.stream().filter(r -> !handled.contains(id(r)))
                        .filter(r -> !handledOrigins.contains(origin(r)) && seen.add(origin(r))).toList();
            });
        });
    }

    /** The failed record a dead letter is a copy of ({@code dead-letter-topic/partition/offset}), or the copy itself. */
    private static String origin(DeadLetterTopics.Record record) {
        String partition = record.headers().get("dead-letter-partition");
        String offset = record.headers().get("dead-letter-offset");
        return partition == null || offset == null
                ? id(record)
                : record.sourceTopic() + ":" + partition + ":" + offset;
    }

    /** Runs blocking Kafka work on a worker thread and comes back to the caller's Vert.x context. */
    private static <T> Uni<T> blocking(Supplier<T> work) {
        Context caller = Vertx.currentContext();
        Uni<T> onWorker = Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        return caller == null ? onWorker : onWorker.emitOn(task -> caller.runOnContext(ignored -> task.run()));
    }

    private static String id(DeadLetterTopics.Record record) {
        return record.topic() + ":" + record.partition() + ":" + record.offset();
    }

    private static DeadLetter view(DeadLetterTopics.Record record) {
        JsonNode payload;
        try {
            payload = record.value() == null ? null : JSON.readTree(record.value());
        } catch (IOException e) {
            payload = TextNode.valueOf(new String(record.value(), StandardCharsets.UTF_8));
        }
        return new DeadLetter(id(record), record.topic(), record.sourceTopic(), record.key(), record.reason(),
                record.timestamp(), record.headers(), payload);
    }
}
