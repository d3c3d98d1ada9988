package omnichannel.platform.messaging;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.quarkus.logging.Log;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Processes the records of one Kafka channel in order within a key (a conversation) and in parallel across keys, so a
 * conversation waiting (for seconds or hours) holds back nobody else; unlike a stream split with {@code group().by()},
 * no key's queue consumes the others' demand. Made by {@link OrderedConsumers}.
 */
public final class OrderedProcessor<T> {

    /** The Mutiny context entry a running record's handler reads through {@link #stillOwned()}. */
    private static final String OWNED = "omnichannel.ordered.owned";

    /** Fails a handler's Uni when its record's partition went to another consumer meanwhile. */
    public static final class NotOwned extends RuntimeException {

        NotOwned() {
            super("the record's partition was given to another consumer", null, false, false);
        }
    }

    /**
     * Completes when the running record's partition is still this consumer's, fails with {@link NotOwned} when it
     * was revoked; outside an ordered consumer it always completes.
     */
    public static Uni<Void> stillOwned() {
        return Uni.createFrom().context(context -> {
            BooleanSupplier owned = context.getOrElse(OWNED, () -> () -> true);
            return owned.getAsBoolean() ? Uni.createFrom().voidItem() : Uni.createFrom().failure(new NotOwned());
        });
    }

    private final String name;
    private final Function<Message<T>, Object> keyOf;
    private final Function<T, Uni<Void>> handler;
    private final int maxInFlight;
    private final Duration firstRetry;
    private final Duration maxRetry;
    private final Vertx vertx;

    private final Map<Object, ArrayDeque<Entry<T>>> keys = new HashMap<>();
    private int inFlight;
    private int running;
    private boolean closing;
    /** The connector's wait for room, when there was none. */
    private Runnable waitingForRoom;

    private final Counter retries;
    private final Counter deadLetters;
    private final AtomicLong retryingKeys = new AtomicLong();

    OrderedProcessor(String name, Function<Message<T>, Object> keyOf, Function<T, Uni<Void>> handler, int maxInFlight,
            Duration firstRetry, Duration maxRetry, Vertx vertx, MeterRegistry registry) {
        this.name = name;
        this.keyOf = keyOf;
        this.handler = handler;
        this.maxInFlight = maxInFlight;
        this.firstRetry = firstRetry;
        this.maxRetry = maxRetry;
        this.vertx = vertx;
        this.retries = Counter.builder("omnichannel.consumer.retries").tag("consumer", name)
                .description("Transient failures retried").register(registry);
        this.deadLetters = Counter.builder("omnichannel.consumer.dead.letters").tag("consumer", name)
                .description("Records sent to the dead-letter topic").register(registry);
        registry.gauge("omnichannel.consumer.in.flight", List.of(Tag.of(
                "consumer", name)), this, p -> p.inFlight());
        registry.gauge("omnichannel.consumer.retrying.keys", List.of(Tag.of(
                "consumer", name)), retryingKeys);
    }

    /**
     * Takes a record into its key's queue; the Uni completes at once, or, when {@code maxInFlight} records are
     * unfinished, once one finishes. The connector waits for it before asking for the next record, so the bound is real
     * back-pressure (the connector pauses its partitions). Each key runs its head record: success acks it; a
     * {@linkplain Failures#isPermanent permanent} failure nacks it (the dead-letter topic, with the reason) and the key
     * goes on; any other failure is retried with capped exponential back-off and full jitter for as long as it lasts.
     * The connector's throttled strategy commits each partition up to its oldest unfinished record. A record whose
     * payload could not be read is dead-lettered at once.
     */
    public Uni<Void> accept(Message<T> record) {
        if (record.getPayload() == null) {
            deadLetters.increment();
            return Uni.createFrom().completionStage(record.nack(new PermanentFailure("unreadable " + name + " event")));
        }
        return Uni.createFrom().emitter(emitter -> {
            Entry<T> entry = new Entry<>(record, keyOf.apply(record), partitionOf(record));
            boolean start;
            synchronized (this) {
                if (closing) {
                    // not ours any more: uncommitted, so the partition's next owner gets it
                    emitter.complete(null);
                    return;
                }
                inFlight++;
                ArrayDeque<Entry<T>> queue = keys.computeIfAbsent(entry.key, k -> new ArrayDeque<>());
                queue.addLast(entry);
                start = queue.size() == 1;
                if (inFlight >= maxInFlight) {
                    waitingForRoom = () -> emitter.complete(null);
                } else {
                    emitter.complete(null);
                }
            }
            if (start) {
                run(entry);
            }
        });
    }

    /** Records taken and not yet finished. */
    public synchronized int inFlight() {
        return inFlight;
    }

    /** Keys whose head record is waiting to be retried. */
    public long retryingKeys() {
        return retryingKeys.get();
    }

    /**
     * Stops taking records and waits up to {@code grace} for the running ones; what has not finished then stays
     * unacknowledged (uncommitted), for the next owner of its partition: nothing is dead-lettered because the service
     * is stopping.
     */
    public void close(Duration grace) {
        synchronized (this) {
            closing = true;
            keys.values().forEach(queue -> {
                // only the heads can be running; the rest never started
                while (queue.size() > 1) {
                    queue.removeLast();
                    inFlight--;
                }
            });
            if (waitingForRoom != null) {
                Runnable wake = waitingForRoom;
                waitingForRoom = null;
                wake.run();
            }
        }
        long deadline = System.nanoTime() + grace.toNanos();
        synchronized (this) {
            while (running > 0 && System.nanoTime() < deadline) {
                try {
                    wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (running > 0) {
                Log.warnf("consumer %s stopped with %d records still running; they stay uncommitted", name, running);
            }
        }
    }

    /**
     * Kafka gave these partitions to another consumer: their records that have not started are dropped and left
     * uncommitted for the new owner, a failed one is not retried here, and a running one stops at its next
     * {@link #stillOwned()} check, which a handler makes right before an effect that must happen once per owner (a
     * provider send): two pods never work on one partition's records, nor pace one sender with two buckets, for longer
     * than a provider call.
     */
    public void revoke(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        Runnable wake = null;
        int dropped = 0;
        synchronized (this) {
            for (var it = keys.values().iterator(); it.hasNext();) {
                ArrayDeque<Entry<T>> queue = it.next();
                Entry<T> head = queue.peekFirst();
                if (head == null || head.partition == null || !partitions.contains(head.partition)) {
                    continue;
                }
                // a conversation's records all come from one partition: the whole queue goes
                queue.forEach(entry -> entry.revoked = true);
                while (queue.size() > 1) {
                    queue.removeLast();
                    inFlight--;
                    dropped++;
                }
                if (!head.started) {
                    queue.clear();
                    inFlight--;
                    dropped++;
                    it.remove();
                }
            }
            if (waitingForRoom != null && inFlight < maxInFlight) {
                wake = waitingForRoom;
                waitingForRoom = null;
            }
        }
        if (dropped > 0) {
            Log.infof("%s: %d records of revoked partitions %s left for their new owner", name, dropped, partitions);
        }
        if (wake != null) {
            wake.run();
        }
    }

    private void run(Entry<T> entry) {
        synchronized (this) {
            if (closing) {
                return;
            }
            if (entry.revoked) {
                // revoked while it waited for a retry: the new owner has it
                drop(entry);
                return;
            }
            entry.started = true;
            running++;
        }
        // each record on its own duplicated context: request-scoped state (a reactive session) is never shared
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> {
            Uni<Void> work;
            try {
                work = handler.apply(entry.record.getPayload());
            } catch (RuntimeException e) {
                work = Uni.createFrom().failure(e);
            }
            work.subscribe().with(io.smallrye.mutiny.Context.of(OWNED,
                    (BooleanSupplier) () -> !entry.revoked),
                    done -> finished(entry, null), failure -> finished(entry, failure));
        });
    }

    private void finished(Entry<T> entry, Throwable failure) {
        boolean stopping;
        synchronized (this) {
            running--;
            stopping = closing;
            if (stopping) {
                notifyAll();
            }
        }
        if (failure == null) {
            complete(entry, entry.record.ack());
        } else if (Failures.isPermanent(failure)) {
            String reason = Failures.reason(failure);
            Log.errorf("%s record dead-lettered key=%s reason=%s", name, LoggedKeys.shown(entry.key), reason);
            deadLetters.increment();
            // the dead letter's headers carry the reason as logged (no cause: its raw message may name the person)
            complete(entry, entry.record.nack(new PermanentFailure(reason)));
        } else if (stopping) {
            Log.infof("%s record left for the next owner at shutdown key=%s", name, LoggedKeys.shown(entry.key));
        } else if (entry.revoked) {
            Log.infof("%s record left for the partition's new owner key=%s", name, LoggedKeys.shown(entry.key));
            synchronized (this) {
                drop(entry);
            }
        } else {
            retry(entry, failure);
        }
    }

    private void retry(Entry<T> entry, Throwable failure) {
        retries.increment();
        if (entry.attempts++ == 0) {
            retryingKeys.incrementAndGet();
        }
        long cap = Math.min(maxRetry.toMillis(), firstRetry.toMillis() << Math.min(entry.attempts - 1, 20));
        long delay = Math.max(1, cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1));
        if (Integer.bitCount(entry.attempts) == 1) {
            // attempts 1, 2, 4, 8…: an outage of hours logs a few lines per conversation, not one per retry
            Log.warnf("%s record retried in %d ms (attempt %d) key=%s reason=%s", name, delay, entry.attempts,
                    LoggedKeys.shown(entry.key), Failures.reason(failure));
        }
        vertx.setTimer(delay, id -> run(entry));
    }

    private void complete(Entry<T> entry, CompletionStage<Void> settled) {
        settled.whenComplete((ok, error) -> {
            if (entry.attempts > 0) {
                retryingKeys.decrementAndGet();
            }
            Entry<T> next = null;
            Runnable wake = null;
            synchronized (this) {
                inFlight--;
                ArrayDeque<Entry<T>> queue = keys.get(entry.key);
                if (queue != null) {
                    queue.pollFirst();
                    if (queue.isEmpty()) {
                        keys.remove(entry.key);
                    } else {
                        next = queue.peekFirst();
                    }
                }
                if (waitingForRoom != null && inFlight < maxInFlight) {
                    wake = waitingForRoom;
                    waitingForRoom = null;
                }
            }
            if (wake != null) {
                wake.run();
            }
            if (next != null) {
                run(next);
            }
        });
    }

    /** Forgets a revoked entry without acknowledging it (its partition is another consumer's now). */
    private void drop(Entry<T> entry) {
        if (entry.attempts > 0) {
            retryingKeys.decrementAndGet();
        }
        ArrayDeque<Entry<T>> queue = keys.get(entry.key);
        if (queue != null && queue.remove(entry)) {
            inFlight--;
            if (queue.isEmpty()) {
                keys.remove(entry.key);
            }
        }
    }

    private static TopicPartition partitionOf(Message<?> record) {
        return record.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> new TopicPartition(m.getTopic(), m.getPartition())).orElse(null);
    }

    private static final class Entry<T> {

        final Message<T> record;
        final Object key;
        /** Null for records that did not come from Kafka (tests). */
        final TopicPartition partition;
        int attempts;
        volatile boolean revoked;
        boolean started;

        Entry(Message<T> record, Object key, TopicPartition partition) {
            this.record = record;
            this.key = key;
            this.partition = partition;
        }
    }
}
