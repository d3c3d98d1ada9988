package omnichannel.platform.resilience;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;

import jakarta.enterprise.util.TypeLiteral;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.quarkus.logging.Log;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;

/**
 * One circuit breaker per outside dependency of a process (4biz, the Helper bot, Twilio, X, config-service), shared by
 * every conversation and poller that calls it, so a dependency that is down is not hammered by every conversation
 * waiting on it: when half of the last 20 calls failed for a reason the caller counts as trouble, calls fail at once
 * (transient) for 10 s, then two calls probe it. Each client makes and owns its breaker (SmallRye Fault Tolerance).
 */
public final class DependencyBreaker {

    private static final TypeLiteral<Uni<Object>> UNI = new TypeLiteral<>() {
    };

    private final String dependency;
    private final Predicate<Throwable> counts;
    private final Guard guard;
    private final Counter failures;

    public DependencyBreaker(String dependency, Predicate<Throwable> counts, MeterRegistry registry) {
        this.dependency = dependency;
        this.counts = counts;
        AtomicInteger open = registry.gauge("omnichannel.breaker.open", List.of(Tag.of("dependency", dependency)),
                new AtomicInteger());
        this.failures = Counter.builder("omnichannel.dependency.failures").tag("dependency", dependency)
                .description("failed calls to the dependency that say it is in trouble; each is retried")
                .register(registry);
        this.guard = Guard.create().withCircuitBreaker().requestVolumeThreshold(20).failureRatio(0.5)
                .delay(10, ChronoUnit.SECONDS).successThreshold(2)
                .when(counts)
                .onStateChange(state -> {
                    // half-open still means calls are held back
                    open.set(state == CircuitBreakerState.CLOSED ? 0 : 1);
                    Log.warnf("%s circuit breaker %s", dependency, state);
                }).done().build();
    }

    /** Runs the call through the breaker: fails at once with {@code CircuitBreakerOpenException} while it is open. */
    @SuppressWarnings("unchecked")
    public <T> Uni<T> call(Supplier<Uni<T>> call) {
        Supplier<Uni<Object>> counted = () -> ((Uni<Object>) call.get())
                .onFailure(counts).invoke(failure -> failures.increment());
        return (Uni<T>) (Uni<?>) guard.get(counted, UNI);
    }

    public String dependency() {
        return dependency;
    }
}
