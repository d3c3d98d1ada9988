package omnichannel.simulators.fourbiz;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

/**
 * Latency and outages for the simulated 4biz, set over HTTP by tests and benchmarks: a fixed or random delay per
 * call, an HTTP status answered for a while, activities rejected as unknown.
 */
@ApplicationScoped
public class FourBizFaults {

    private volatile long minLatencyMillis;
    private volatile long maxLatencyMillis;
    private volatile int outageStatus;
    private volatile long outageUntilNanos;
    private final Set<String> rejectedActivities = ConcurrentHashMap.newKeySet();

    public void latency(long minMillis, long maxMillis) {
        this.minLatencyMillis = minMillis;
        this.maxLatencyMillis = Math.max(minMillis, maxMillis);
    }

    /** Overlapping outages add up: one that is already longer is not shortened by a shorter one. */
    public synchronized void outage(int status, long millis) {
        long until = System.nanoTime() + millis * 1_000_000;
        boolean active = outageStatus > 0 && System.nanoTime() < outageUntilNanos;
        this.outageStatus = status;
        this.outageUntilNanos = active ? Math.max(outageUntilNanos, until) : until;
    }

    public void rejectActivity(String code) {
        rejectedActivities.add(code);
    }

    boolean rejects(String activityCode) {
        return rejectedActivities.contains(activityCode);
    }

    public void reset() {
        latency(0, 0);
        outageStatus = 0;
        rejectedActivities.clear();
    }

    Response apply(Supplier<Response> call) {
        long delay = maxLatencyMillis > minLatencyMillis
                ? ThreadLocalRandom.current().nextLong(minLatencyMillis, maxLatencyMillis + 1)
                : minLatencyMillis;
        if (delay > 0) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (outageStatus > 0 && System.nanoTime() < outageUntilNanos) {
            return Response.status(outageStatus).entity("{\"error\":{\"code\":\"INTERNAL\",\"description\":\"outage\"}}")
                    .type("application/json").build();
        }
        return call.get();
    }
}
