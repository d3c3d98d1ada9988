package omnichannel.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.DatabaseException;

/**
 * The ordered consumer's guarantees, driven the way the Kafka connector drives it (one record after the other, waiting
 * for each {@code accept} to complete): order per key, isolation between keys, bounded memory with back-pressure,
 * permanent failures dead-lettered alone, transient ones retried without a deadline, shutdown that settles nothing it
 * did not finish.
 */
class OrderedProcessorTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    record Msg(String key, int seq) {
    }

    /** A record whose acknowledgement and dead-lettering are recorded. */
    static final class Record {

        final Msg msg;
        final CompletableFuture<Void> acked = new CompletableFuture<>();
        final CompletableFuture<Throwable> nacked = new CompletableFuture<>();
        final Message<Msg> message;

        Record(String key, int seq) {
            this.msg = new Msg(key, seq);
            this.message = Message.of(msg, () -> {
                acked.complete(null);
                return CompletableFuture.completedFuture(null);
            }, failure -> {
                nacked.complete(failure);
                return CompletableFuture.completedFuture(null);
            });
        }

        boolean settled() {
            return acked.isDone() || nacked.isDone();
        }
    }

    private OrderedProcessor<Msg> processor(int maxInFlight, Function<Msg, Uni<Void>> handler) {
        return new OrderedProcessor<>("test", record -> record.getPayload().key(), handler, maxInFlight,
                Duration.ofMillis(5), Duration.ofMillis(50), vertx, new SimpleMeterRegistry());
    }

    /** What the connector does: hand over one record, wait until it is taken, then the next. */
    private static void feed(OrderedProcessor<Msg> processor, List<Record> records) {
        for (Record record : records) {
            processor.accept(record.message).await().atMost(Duration.ofSeconds(10));
        }
    }

    /** Round-robin over keys, as records of many conversations interleave on partitions. */
    private static List<Record> interleaved(List<String> keys, int each) {
        List<Record> records = new ArrayList<>();
        for (int seq = 0; seq < each; seq++) {
            for (String key : keys) {
                records.add(new Record(key, seq));
            }
        }
        return records;
    }

    @Test
    void aStuckConversationHoldsBackOnlyItselfWhile20000MessagesOf500OthersFlowInOrder() {
        Map<String, List<Integer>> handled = new ConcurrentHashMap<>();
        AtomicInteger stuckAttempts = new AtomicInteger();
        OrderedProcessor<Msg> processor = processor(2000, msg -> {
            if (msg.key().equals("stuck")) {
                stuckAttempts.incrementAndGet();
                return Uni.createFrom().failure(new IllegalStateException("4biz unavailable"));
            }
            handled.computeIfAbsent(msg.key(), k -> new CopyOnWriteArrayList<>()).add(msg.seq());
            return Uni.createFrom().voidItem();
        });
        List<String> keys = new ArrayList<>(IntStream.range(0, 500).mapToObj(i -> "person-" + i).toList());
        keys.add(0, "stuck");
        List<Record> records = interleaved(keys, 40);

        long start = System.nanoTime();
        feed(processor, records);
        List<Record> others = records.stream().filter(r -> !r.msg.key().equals("stuck")).toList();
        CompletableFuture.allOf(others.stream().map(r -> r.acked).toArray(CompletableFuture[]::new))
                .orTimeout(30, TimeUnit.SECONDS).join();
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(others).hasSize(20_000).allMatch(r -> r.acked.isDone() && !r.nacked.isDone());
        assertThat(handled).hasSize(500).allSatisfy((key, seqs) -> assertThat(seqs)
                .containsExactlyElementsOf(IntStream.range(0, 40).boxed().toList()));
        List<Record> stuck = records.stream().filter(r -> r.msg.key().equals("stuck")).toList();
        assertThat(stuck).noneMatch(Record::settled);
        assertThat(stuckAttempts.get()).as("the stuck head is retried, never dead-lettered").isGreaterThan(3);
        assertThat(processor.inFlight()).as("only the stuck conversation's records remain").isEqualTo(40);
        assertThat(processor.retryingKeys()).isEqualTo(1);
        System.out.printf("20,000 records of 500 conversations beside a stuck one: %d ms%n", millis);
    }

    @Test
    void memoryIsBoundedByBackPressureNotByWhatOneKeyReceives() throws Exception {
        List<CompletableFuture<Void>> running = new CopyOnWriteArrayList<>();
        OrderedProcessor<Msg> processor = processor(5, msg -> {
            CompletableFuture<Void> work = new CompletableFuture<>();
            running.add(work);
            return Uni.createFrom().completionStage(work);
        });
        List<Record> records = IntStream.range(0, 6).mapToObj(i -> new Record("k" + i, 0)).toList();

        for (int i = 0; i < 4; i++) {
            processor.accept(records.get(i).message).await().atMost(Duration.ofSeconds(1));
        }
        // the fifth fills the bound: the connector is told to wait (and pauses its partitions)
        CompletableFuture<Void> fifth = processor.accept(records.get(4).message).subscribeAsCompletionStage();
        Thread.sleep(300);
        assertThat(fifth).isNotDone();
        assertThat(processor.inFlight()).isEqualTo(5);

        running.get(0).complete(null);
        fifth.get(5, TimeUnit.SECONDS);
        assertThat(records.get(0).acked).succeedsWithin(Duration.ofSeconds(1));
    }

    @Test
    void aPermanentFailureDeadLettersThatMessageAloneAndTheConversationGoesOn() {
        List<Integer> handled = new CopyOnWriteArrayList<>();
        OrderedProcessor<Msg> processor = processor(100, msg -> {
            if (msg.seq() == 1) {
                return Uni.createFrom().failure(new PermanentFailure("4biz: INPUT unknown activity"));
            }
            handled.add(msg.seq());
            return Uni.createFrom().voidItem();
        });
        List<Record> records = IntStream.range(0, 5).mapToObj(i -> new Record("poisoned", i)).toList();

        feed(processor, records);

        assertThat(records.get(1).nacked).succeedsWithin(Duration.ofSeconds(5))
                .satisfies(reason -> assertThat(reason).hasMessage("4biz: INPUT unknown activity"));
        for (int i : List.of(0, 2, 3, 4)) {
            assertThat(records.get(i).acked).succeedsWithin(Duration.ofSeconds(5));
        }
        assertThat(records.get(1).acked).isNotDone();
        assertThat(handled).containsExactly(0, 2, 3, 4);
    }

    @Test
    void aValueTheDatabaseCannotStoreIsPermanentNotARetryLoop() {
        AtomicInteger attempts = new AtomicInteger();
        OrderedProcessor<Msg> processor = processor(100, msg -> {
            attempts.incrementAndGet();
            return Uni.createFrom().failure(new DatabaseException("value too long for type character varying(64)",
                    0, "22001") {
            });
        });
        Record record = new Record("long-sender-" + "x".repeat(300), 0);

        feed(processor, List.of(record));

        assertThat(record.nacked).succeedsWithin(Duration.ofSeconds(5));
        assertThat(attempts.get()).isEqualTo(1);
    }

    @Test
    void transientFailuresAreRetriedUntilTheyPassWithoutADeadline() {
        AtomicInteger attempts = new AtomicInteger();
        OrderedProcessor<Msg> processor = processor(100, msg -> attempts.incrementAndGet() < 20
                ? Uni.createFrom().failure(new IllegalStateException("Pool closed"))
                : Uni.createFrom().voidItem());
        Record record = new Record("k", 0);

        feed(processor, List.of(record));

        assertThat(record.acked).succeedsWithin(Duration.ofSeconds(10));
        assertThat(record.nacked).isNotDone();
        assertThat(attempts.get()).isEqualTo(20);
    }

    @Test
    void shutdownFinishesWhatRunsAndLeavesTheRestUnsettledForTheNextOwner() throws Exception {
        CompletableFuture<Void> head = new CompletableFuture<>();
        OrderedProcessor<Msg> processor = processor(100, msg -> msg.seq() == 0
                ? Uni.createFrom().completionStage(head)
                : Uni.createFrom().failure(new IllegalStateException("Pool closed")));
        List<Record> records = IntStream.range(0, 4).mapToObj(i -> new Record("k", i)).toList();
        Record retrying = new Record("other", 1);
        feed(processor, records);
        feed(processor, List.of(retrying));

        CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> processor.close(Duration.ofSeconds(5)));
        Thread.sleep(200);
        assertThat(closing).as("waits for the running record").isNotDone();
        head.complete(null);
        closing.get(5, TimeUnit.SECONDS);
        Record late = new Record("k", 9);
        feed(processor, List.of(late));
        Thread.sleep(200);

        assertThat(records.get(0).acked).isDone();
        assertThat(records.subList(1, 4)).noneMatch(Record::settled);
        assertThat(retrying.settled()).as("a failure while stopping is not dead-lettered").isFalse();
        assertThat(late.settled()).isFalse();
    }

    /**
     * A rebalance gives partition 0 to another pod while this one holds its records: the queued ones never start, the
     * running one stops at its ownership check (before its effect) and is neither retried nor acknowledged; partition
     * 1's records go on as before. Without revocation the old owner would go on working on records the new owner also
     * processes (two pods sending for one sender).
     */
    @Test
    void aRevokedPartitionsRecordsAreLeftForTheNewOwnerAndOthersGoOn() throws Exception {
        CompletableFuture<Void> release = new CompletableFuture<>();
        List<Msg> effects = new CopyOnWriteArrayList<>();
        OrderedProcessor<Msg> processor = processor(100, msg -> {
            Uni<Void> wait = msg.key().equals("p0") && msg.seq() == 0
                    ? Uni.createFrom().completionStage(release)
                    : Uni.createFrom().voidItem();
            return wait.chain(OrderedProcessor::stillOwned).invoke(() -> effects.add(msg));
        });
        List<Message<Msg>> p0 = new ArrayList<>();
        List<Record> all = new ArrayList<>();
        for (int seq = 0; seq < 3; seq++) {
            for (String key : List.of("p0", "p1")) {
                Record record = new Record(key, seq);
                all.add(record);
                Message<Msg> onPartition = record.message
                        .addMetadata(new io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata<>(
                                new org.apache.kafka.clients.consumer.ConsumerRecord<>("t",
                                        key.equals("p0") ? 0 : 1, seq, key, record.msg),
                                "test"));
                if (key.equals("p0")) {
                    p0.add(onPartition);
                }
                processor.accept(onPartition).await().atMost(Duration.ofSeconds(10));
            }
        }
        awaitTrue(() -> effects.stream().filter(m -> m.key().equals("p1")).count() == 3);
        assertThat(processor.inFlight()).isEqualTo(3);

        processor.revoke(List.of(new org.apache.kafka.common.TopicPartition("t", 0)));
        assertThat(processor.inFlight()).as("the running head only").isEqualTo(1);
        release.complete(null);

        awaitTrue(() -> processor.inFlight() == 0);
        Thread.sleep(100);
        assertThat(effects).extracting(Msg::key).containsOnly("p1");
        for (Record record : all) {
            assertThat(record.settled()).as(record.msg.toString()).isEqualTo(record.msg.key().equals("p1"));
        }
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met in 10 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
