package omnichannel.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;

/**
 * An open-model load generator: requests leave at a fixed rate whatever the server does, and each latency is measured
 * from the request's intended send time, so a server that stalls cannot hide its queueing (no coordinated omission).
 * Latencies go to an HdrHistogram in microseconds.
 */
final class OpenLoad implements AutoCloseable {

    /** One prepared request. */
    record Request(String path, Buffer body, Map<String, String> headers) {
    }

    /** What a run gave. */
    record Outcome(int rate, int offered, int completed, int errors, Histogram latencyMicros, double seconds) {

        double achieved() {
            return completed / seconds;
        }

        double millis(double percentile) {
            return latencyMicros.getValueAtPercentile(percentile) / 1000.0;
        }

        /** Everything answered 2xx, and fast enough that nothing queued up. */
        boolean sustained() {
            return errors == 0 && completed == offered && millis(99) < 100;
        }

        @Override
        public String toString() {
            return "%d/s offered: %d ok, %d errors, p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms".formatted(rate,
                    completed - errors, errors, millis(50), millis(99), millis(99.9));
        }
    }

    /**
     * Event loops the generator sends from. One loop topped out near 4,000 requests/s on this machine, which measured
     * the generator, not the server; each loop has its own client and its own share of the schedule.
     */
    static final int LOOPS = 2;

    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(LOOPS));
    private final List<Context> contexts = new ArrayList<>();
    private final List<HttpClient> clients = new ArrayList<>();

    OpenLoad(String host, int port, int connections) {
        for (int i = 0; i < LOOPS; i++) {
            // called from outside Vert.x, each getOrCreateContext is a new context on the next event loop
            contexts.add(vertx.getOrCreateContext());
            clients.add(vertx.createHttpClient(new HttpClientOptions().setDefaultHost(host).setDefaultPort(port)
                    .setKeepAlive(true).setConnectTimeout(5000).setIdleTimeout(30),
                    new PoolOptions().setHttp1MaxSize(Math.max(1, connections / LOOPS)).setMaxWaitQueueSize(-1)));
        }
    }

    /** Sends {@code requests} at {@code rate} per second and waits for the answers (at most 30 s after the last). */
    Outcome run(int rate, List<Request> requests) throws InterruptedException {
        int total = requests.size();
        ConcurrentHistogram latency = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(2), 3);
        AtomicInteger errors = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(total);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        long period = TimeUnit.SECONDS.toNanos(1) / rate;
        List<Long> timers = new CopyOnWriteArrayList<>();
        for (int loop = 0; loop < LOOPS; loop++) {
            // loop k sends requests k, k + LOOPS, k + 2 LOOPS, ... at their intended times
            int shard = loop;
            HttpClient client = clients.get(loop);
            AtomicInteger next = new AtomicInteger(shard);
            contexts.get(loop).runOnContext(v -> timers.add(vertx.setPeriodic(1, id -> {
                long now = System.nanoTime();
                int due = (int) Math.min(total, Math.max(0, (now - start) / period + 1));
                for (int i = next.get(); i < due; i = next.addAndGet(LOOPS)) {
                    long intended = start + i * period;
                    Request request = requests.get(i);
                    client.request(HttpMethod.POST, request.path()).compose(r -> {
                        request.headers().forEach(r::putHeader);
                        return r.send(request.body());
                    }).compose(response -> response.body().map(body -> response.statusCode())).onComplete(result -> {
                        latency.recordValue(Math.max(0, (System.nanoTime() - intended) / 1000));
                        if (result.failed() || result.result() / 100 != 2) {
                            errors.incrementAndGet();
                        }
                        done.countDown();
                    });
                }
            })));
        }
        boolean finished = done.await(total / rate + 30L, TimeUnit.SECONDS);
        timers.forEach(vertx::cancelTimer);
        double seconds = (System.nanoTime() - start) / 1e9;
        int completed = (int) (total - done.getCount());
        return new Outcome(rate, total, completed, errors.get() + (finished ? 0 : (int) done.getCount()), latency,
                seconds);
    }

    static Duration seconds(double s) {
        return Duration.ofMillis((long) (s * 1000));
    }

    @Override
    public void close() {
        clients.forEach(HttpClient::close);
        vertx.close();
    }
}
