package omnichannel.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

import omnichannel.system.HttpJson;
import omnichannel.system.RunningSystem;

/**
 * One running system for the test classes that leave it working as they found it (their own interactions, people and
 * texts; a service restarted comes back; a Twilio storm ends): started by the first that asks, closed when the test
 * JVM ends. Those classes hold {@link #LOCK}; the classes with a system of their own (the 4biz capabilities, the
 * conversations with their kills and outages) hold {@link #OWN_SYSTEMS}, so that the classes can run in lanes where
 * cores allow (junit-platform.properties says why they run one at a time here).
 */
final class SharedSystem {

    /** The lock every class that uses the shared system holds ({@code @ResourceLock}). */
    static final String LOCK = "shared-system";

    /** The lock of the classes that start a system of their own, one after another. */
    static final String OWN_SYSTEMS = "own-systems";

    private static final Semaphore STARTS = new Semaphore(1, true);

    /**
     * Where each system's service logs go, {@code service-logs-<name>}, with a scrape of every service's metrics taken
     * when it closes ({@code metrics/<service>.prom}): what the checks after the system tests read.
     */
    static final String LOGS = "system-tests/target/service-logs-";

    /** The services whose metrics are kept. */
    static final List<String> SERVICES = List.of("config-service", "webhook-gateway", "ticket-bridge",
            "channel-whatsapp", "channel-twitter");

    /**
     * The bridge's longest delay between two retries of a waiting conversation (production: 5 min): short here, so a
     * 4biz outage longer than it ends in a test's time, and the test shows the retries go on through it.
     */
    static final Duration LONGEST_RETRY_DELAY = Duration.ofSeconds(10);

    /**
     * How long a service may take to be ready, at a start or a restart in a test: on a loaded machine a restart can take
     * a minute. An upper bound: a ready service ends the wait.
     */
    static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    private static RunningSystem system;

    private SharedSystem() {
    }

    static synchronized RunningSystem get() {
        if (system == null) {
            RunningSystem started = startOwn("shared");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> close(started, "shared"), "shared-system-stop"));
            system = started;
        }
        return system;
    }

    /** A system of the caller's own, set like the shared one; the caller closes it ({@link #close}). */
    static RunningSystem startOwn(String name) {
        return startOwn(name, Map.of());
    }

    /** The same, with environment variables changed per module. */
    static RunningSystem startOwn(String name, Map<String, Map<String, String>> changedEnv) {
        Map<String, Map<String, String>> env = new HashMap<>(changedEnv);
        env.merge("ticket-bridge", Map.of("OMNICHANNEL_PLATFORM_CONSUMER_MAX_RETRY",
                LONGEST_RETRY_DELAY.toSeconds() + "s"), (own, retry) -> {
                    Map<String, String> both = new HashMap<>(retry);
                    both.putAll(own);
                    return both;
                });
        return oneStartAtATime(() -> RunningSystem.start(LOGS + name, READY_TIMEOUT, env));
    }

    /** Starts a system once no other is starting: two cores booting several stacks at once make each time out. */
    static <T> T oneStartAtATime(Supplier<T> start) {
        STARTS.acquireUninterruptibly();
        try {
            return start.get();
        } finally {
            STARTS.release();
        }
    }

    /** Keeps a scrape of every service's metrics beside its logs, then closes the system. */
    static void close(RunningSystem system, String name) {
        if (system == null) {
            return; // it never started; the class reports why
        }
        try {
            Path metrics = Path.of(System.getProperty("omnichannel.root", "..")).resolve(LOGS + name).resolve("metrics");
            Files.createDirectories(metrics);
            for (String service : SERVICES) {
                HttpJson.Reply scrape = HttpJson.get(system.stack().service(service).baseUrl() + "/q/metrics");
                Files.writeString(metrics.resolve(service + ".prom"), scrape.status() == 200 ? scrape.body() : "",
                        StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            system.close();
        }
    }
}
