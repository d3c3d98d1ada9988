package omnichannel.testing.fuzz;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import omnichannel.testing.KafkaRecords;
import omnichannel.testing.http.RawHttp;

/**
 * Throws generated requests at a running service over raw HTTP and checks what every answer must be: never a 5xx
 * (nothing here is a dependency outage), a 4xx always with an {@code application/problem+json} body naming its status,
 * and what the case expects (accepted, or 403 for a tampered signature). Case {@code i} comes from seed
 * {@code seed + i}, so a failure names the one seed that replays it ({@code -Dfuzz.seed}).
 */
public final class Fuzz {

    /**
     * platform's {@code quarkus.http.limits.max-initial-line-length}: a longer request line is refused by the HTTP
     * server itself, before any application code, with a bare 414 (docs/known-limits.md). Generated targets rarely
     * reach it (long path segment and long query together), and then that documented answer is what they must get.
     */
    static final int REQUEST_LINE_LIMIT = 16_384;

    /** What a case must get besides "no 5xx, problem body on 4xx". */
    public enum Expect {
        /** Well-formed and signed: 2xx. */
        ACCEPTED,
        /** Signed, then changed: 403. */
        FORBIDDEN,
        /** Anything but a 5xx. */
        ANY
    }

    /** One request; {@code marker} is what its event would carry, to tell later whether it was published. */
    public record Case(String method, String target, Map<String, String> headers, byte[] body, Expect expect,
            String marker) {
    }

    /** What a run saw. */
    public record Report(int requests, Map<Integer, Integer> statuses, List<String> violations,
            Set<String> acceptedMarkers, Set<String> expectedAccepted, List<String> slowest) {
    }

    /** A request that took more than half a second. */
    private record Slow(long micros, String description) {
    }

    /** The seed of this run: {@code -Dfuzz.seed} to replay one, otherwise new each run. */
    public static long seed() {
        return Long.getLong("fuzz.seed", System.nanoTime());
    }

    /** Requests per endpoint family: {@code -Dfuzz.requests}, 10,000 by default. */
    public static int requestsPerFamily() {
        return Integer.getInteger("fuzz.requests", 10_000);
    }

    /**
     * Runs {@code requests} cases over {@code threads} connections and prints what a reader needs to replay or
     * diagnose them: the seed, the statuses seen and the first violations.
     */
    public static Report run(String name, String host, int port, long seed, int requests, int threads,
            LongFunction<Case> cases) {
        Report report = runQuietly(host, port, seed, requests, threads, cases);
        System.out.println(name + ": seed " + seed + " (-Dfuzz.seed=" + seed + " replays it), " + requests
                + " requests, statuses " + report.statuses());
        report.violations().stream().limit(20).forEach(violation -> System.out.println("VIOLATION " + violation));
        report.slowest().forEach(slow -> System.out.println("SLOW " + slow));
        return report;
    }

    /**
     * The markers ({@code marker} matches) in the records of {@code topic} that contain {@code run}, read again until
     * every case expected to be accepted is among them or {@code timeout} passed (an outbox may publish later).
     */
    public static Set<String> published(String bootstrap, String topic, String run, Pattern marker, Report report,
            Duration timeout) {
        Set<String> published = new HashSet<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            published.clear();
            KafkaRecords.read(bootstrap, topic, record -> record.value().contains(run), Duration.ofSeconds(3))
                    .forEach(record -> {
                        Matcher found = marker.matcher(record.value());
                        while (found.find()) {
                            published.add(found.group());
                        }
                    });
        } while (!published.containsAll(report.expectedAccepted()) && System.nanoTime() < deadline);
        return published;
    }

    private static Report runQuietly(String host, int port, long seed, int requests, int threads,
            LongFunction<Case> cases) {
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        List<String> violations = Collections.synchronizedList(new ArrayList<>());
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        Set<String> expectedAccepted = ConcurrentHashMap.newKeySet();
        // the slowest cases, so that a run that takes long says which requests made it long
        Queue<Slow> slow = new ConcurrentLinkedQueue<>();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    try (RawHttp http = new RawHttp(host, port)) {
                        for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                            long caseSeed = seed + i;
                            Case c = cases.apply(caseSeed);
                            if (c.expect() == Expect.ACCEPTED && c.marker() != null) {
                                expectedAccepted.add(c.marker());
                            }
                            RawHttp.Response response;
                            long started = System.nanoTime();
                            try {
                                response = http.send(c.method(), c.target(), c.headers(), c.body());
                                long micros = (System.nanoTime() - started) / 1000;
                                if (micros > 500_000) {
                                    slow.add(new Slow(micros, micros / 1000 + " ms: " + c.method() + " "
                                            + abbreviate(c.target()) + " -> " + response.status()));
                                }
                            } catch (RuntimeException e) {
                                violations.add(describe(caseSeed, c, "no answer: " + e));
                                continue;
                            }
                            statuses.merge(response.status(), 1, Integer::sum);
                            String problem = check(c, response);
                            if (problem != null) {
                                violations.add(describe(caseSeed, c, problem));
                            }
                            if (response.status() / 100 == 2 && c.marker() != null) {
                                accepted.add(c.marker());
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
        List<String> slowest = slow.stream().sorted(Comparator.comparingLong(Slow::micros).reversed()).limit(10)
                .map(Slow::description).toList();
        return new Report(requests, new TreeMap<>(statuses), List.copyOf(violations), Set.copyOf(accepted),
                Set.copyOf(expectedAccepted), slowest);
    }

    private static String check(Case c, RawHttp.Response response) {
        int status = response.status();
        if (status >= 500) {
            return "answered " + status + ": " + abbreviate(response.body());
        }
        int requestLine = c.method().length() + 1 + c.target().length() + " HTTP/1.1".length();
        if (requestLine > REQUEST_LINE_LIMIT) {
            return status == 414 ? null : "a request line of " + requestLine + " bytes answered " + status + ", not 414";
        }
        if (requestLine >= REQUEST_LINE_LIMIT - 2 && status == 414) {
            return null; // at the limit itself, whether the server counts the line's CR LF is its own business
        }
        if (status >= 400) {
            if (!response.contentType().startsWith("application/problem+json")) {
                return "answered " + status + " without a problem body (Content-Type '" + response.contentType() + "')";
            }
            if (!Pattern.compile("\"status\"\\s*:\\s*" + status + "\\b").matcher(response.body()).find()) {
                return "answered " + status + " with a problem body that does not say so: " + abbreviate(response.body());
            }
        }
        if (c.expect() == Expect.ACCEPTED && status / 100 != 2) {
            return "a well-formed signed request answered " + status + ": " + abbreviate(response.body());
        }
        if (c.expect() == Expect.FORBIDDEN && status != 403) {
            return "a tampered signed request answered " + status + " instead of 403";
        }
        return null;
    }

    private static String describe(long caseSeed, Case c, String problem) {
        String body = c.body() == null ? "" : new String(c.body(), StandardCharsets.UTF_8);
        return "case seed " + caseSeed + ": " + c.method() + " " + abbreviate(c.target()) + " [" + c.expect() + "] headers "
                + abbreviate(c.headers().toString()) + " body " + abbreviate(body).replace('\n', ' ') + " -> " + problem;
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…(" + text.length() + " chars)";
    }
}
