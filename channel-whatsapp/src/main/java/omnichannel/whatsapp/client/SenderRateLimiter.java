package omnichannel.whatsapp.client;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * A token bucket per WhatsApp sender (Bucket4j) at the interaction's messages per second, so a burst is spread out
 * instead of being answered with 429 by Twilio. Waiting is asynchronous: no thread sleeps, and because a partition's
 * messages are handled one after the other, order within a conversation holds.
 */
@ApplicationScoped
public class SenderRateLimiter {

    private static final BigDecimal DEFAULT_RATE = BigDecimal.TEN;

    private final ConcurrentHashMap<String, Limit> buckets = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "sender-rate-limiter");
        thread.setDaemon(true);
        return thread;
    });

    private record Limit(BigDecimal rate, Bucket bucket) {
    }

    /** When a sender's last message actually left, for {@link #spaceOut}. */
    private static final class Spacing {

        long lastNanos = System.nanoTime() - Duration.ofHours(1).toNanos();
    }

    private final ConcurrentHashMap<String, Spacing> spacings = new ConcurrentHashMap<>();

    /** Completes when the sender may send one more message. */
    public Uni<Void> acquire(String sender, BigDecimal messagesPerSecond) {
        BigDecimal rate = messagesPerSecond == null || messagesPerSecond.signum() <= 0 ? DEFAULT_RATE : messagesPerSecond;
        Limit limit = buckets.compute(sender, (key, current) -> current != null && current.rate().compareTo(rate) == 0
                ? current
                : new Limit(rate, bucket(rate)));
        // the wait ends on the timer thread; continue on the caller's Vert.x context, where the reactive database
        // session of the rest of the send lives
        Context caller = Vertx.currentContext();
        Uni<Void> granted = Uni.createFrom().completionStage(() -> limit.bucket().asScheduler().consume(1, timer));
        return caller == null ? granted : granted.emitOn(task -> caller.runOnContext(ignored -> task.run()));
    }

    /**
     * Called on the sending thread right before the HTTP call: at least 1/rate between two messages of a sender as
     * they actually leave. The bucket schedules each waiter's turn in advance, so a process that stalls (a long GC,
     * a starved CPU) would otherwise release every turn that fell due meanwhile at once, and Twilio would see a burst
     * above the rate (the chaos soak found 8 such 429s). Blocks for at most one interval, usually not at all.
     */
    public void spaceOut(String sender, BigDecimal messagesPerSecond) {
        BigDecimal rate = messagesPerSecond == null || messagesPerSecond.signum() <= 0 ? DEFAULT_RATE : messagesPerSecond;
        long interval = BigDecimal.valueOf(1_000_000_000L).divide(rate, RoundingMode.CEILING).longValue();
        Spacing spacing = spacings.computeIfAbsent(sender, key -> new Spacing());
        synchronized (spacing) {
            long wait = spacing.lastNanos + interval - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            spacing.lastNanos = System.nanoTime();
        }
    }

    // One token every 1/rate seconds and no burst allowance: sends are evenly spaced, so even a strict sliding
    // one-second window on Twilio's side never sees more than the rate.
    private static Bucket bucket(BigDecimal rate) {
        long nanosPerToken = BigDecimal.valueOf(1_000_000_000L).divide(rate, RoundingMode.CEILING).longValue();
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(1).refillGreedy(1, Duration.ofNanos(nanosPerToken)).build())
                .build();
    }

    @PreDestroy
    void shutdown() {
        timer.shutdownNow();
    }
}
