package omnichannel.twitter.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import omnichannel.twitter.client.XResponse;

/**
 * X's rate-limit windows, per account and endpoint, as the {@code x-rate-limit-*} headers of the last answer tell
 * them: when the budget is spent (or X answered 429) the next call waits until the window resets.
 */
@ApplicationScoped
public class RateLimits {

    /** When X says 429 without a reset header, wait this long. */
    static final Duration DEFAULT_WAIT = Duration.ofSeconds(60);

    private final Map<String, Instant> blockedUntil = new ConcurrentHashMap<>();

    /** Completes when a call on this window may go out; at once unless the budget is spent. */
    public Uni<Void> await(String window) {
        Instant until = blockedUntil.get(window);
        long wait = until == null ? 0 : Duration.between(Instant.now(), until).toMillis();
        if (wait <= 0) {
            return Uni.createFrom().voidItem();
        }
        // resume on the caller's context (the delay fires on a timer thread)
        Context context = Vertx.currentContext();
        Uni<Void> delayed = Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(wait));
        return context == null ? delayed : delayed.emitOn(command -> context.runOnContext(ignored -> command.run()));
    }

    /** Learns from an answer: a spent budget or a 429 blocks the window until its reset. */
    public void record(String window, XResponse response) {
        if (response.rateLimited()) {
            blockedUntil.put(window, response.reset() != null && response.reset().isAfter(Instant.now())
                    ? response.reset()
                    : Instant.now().plus(DEFAULT_WAIT));
        } else if (response.remaining() == 0 && response.reset() != null) {
            blockedUntil.put(window, response.reset());
        } else {
            blockedUntil.remove(window);
        }
    }

    /** How long a call on this window would wait now (zero when it may go). */
    public Duration waitFor(String window) {
        Instant until = blockedUntil.get(window);
        Duration wait = until == null ? Duration.ZERO : Duration.between(Instant.now(), until);
        return wait.isNegative() ? Duration.ZERO : wait;
    }
}
