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
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import omnichannel.infra.KafkaRecords;
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

    /** What a run of cases saw: the statuses answered, and each violation with the seed that replays it. */
    public record Tally(Map<Integer, Integer> statuses, List<String> violations) {
    }

    /** What one case came to: its answer's status (0: no answer), and what was wrong with it ({@code null}: nothing). */
    public record Outcome(int status, String violation) {
    }

    /** One case on a worker's own connection. */
    @FunctionalInterface
    public interface OneCase<C> {

        Outcome run(C connection, long caseSeed);
    }

    /**
     * Runs cases {@code seed} … {@code seed + requests - 1} over {@code threads} workers, each with its own
     * connection, and prints what a reader needs to replay or diagnose them: the seed, the statuses seen and the first
     * violations. Every fuzz suite's loop (raw HTTP here, the console's browser session in config-service).
     */
    public static <C extends AutoCloseable> Tally repeat(String name, long seed, int requests, int threads,
            Supplier<C> connect, OneCase<C> oneCase) {
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        List<String> violations = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    try (C connection = connect.get()) {
                        for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                            long caseSeed = seed + i;
                            Outcome outcome = oneCase.run(connection, caseSeed);
                            if (outcome.status() > 0) {
                                statuses.merge(outcome.status(), 1, Integer::sum);
                            }
                            if (outcome.violation() != null) {
                                violations.add("case seed " + caseSeed + ": " + outcome.violation());
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
        Tally tally = new Tally(new TreeMap<>(statuses), List.copyOf(violations));
        System.out.println(name + ": seed " + seed + " (-Dfuzz.seed=" + seed + " replays it), " + requests
                + " requests, statuses " + tally.statuses());
        tally.violations().stream().limit(20).forEach(violation -> System.out.println("VIOLATION " + violation));
        return tally;
    }

    /** Runs {@code requests} generated requests over {@code threads} raw HTTP connections ({@link #repeat}). */
    public static Report run(String name, String host, int port, long seed, int requests, int threads,
            LongFunction<Case> cases) {
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        Set<String> expectedAccepted = ConcurrentHashMap.newKeySet();
        // the slowest cases, so that a run that takes long says which requests made it long
        Queue<Slow> slow = new ConcurrentLinkedQueue<>();
        Tally tally = repeat(name, seed, requests, threads, () -> new RawHttp(host, port), (http, caseSeed) -> {
            Case c = cases.apply(caseSeed);
            if (c.expect() == Expect.ACCEPTED && c.marker() != null) {
                expectedAccepted.add(c.marker());
            }
            RawHttp.Response response;
            long started = System.nanoTime();
            try {
                response = http.send(c.method(), c.target(), c.headers(), c.body());
            } catch (RuntimeException e) {
                return new Outcome(0, describe(c, "no answer: " + e));
            }
            long micros = (System.nanoTime() - started) / 1000;
            if (micros > 500_000) {
                slow.add(new Slow(micros, micros / 1000 + " ms: " + c.method() + " " + abbreviate(c.target()) + " -> "
                        + response.status()));
            }
            if (response.status() / 100 == 2 && c.marker() != null) {
                accepted.add(c.marker());
            }
            String problem = check(c, response);
            return new Outcome(response.status(), problem == null ? null : describe(c, problem));
        });
        List<String> slowest = slow.stream().sorted(Comparator.comparingLong(Slow::micros).reversed()).limit(10)
                .map(Slow::description).toList();
        slowest.forEach(description -> System.out.println("SLOW " + description));
        return new Report(requests, tally.statuses(), tally.violations(), Set.copyOf(accepted),
                Set.copyOf(expectedAccepted), slowest);
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

    private static String describe(Case c, String problem) {
        String body = c.body() == null ? "" : new String(c.body(), StandardCharsets.UTF_8);
        return c.method() + " " + abbreviate(c.target()) + " [" + c.expect() + "] headers "
                + abbreviate(c.headers().toString()) + " body " + abbreviate(body).replace('\n', ' ') + " -> " + problem;
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…(" + text.length() + " chars)";
    }
}
