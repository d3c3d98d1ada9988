package omnichannel.systemtests;

import java.time.Duration;
import java.util.Map;

import omnichannel.system.RunningSystem;

/**
 * One running system for the test classes that leave it working as they found it (their own interactions, people and
 * texts; a replica stopped after use; a service killed or restarted comes back; a 4biz outage or a Twilio storm ends):
 * started by the first that asks, closed when the test JVM ends. Starting a whole stack takes most of a minute. The
 * chaos soak, whose faults land at random, runs its own.
 */
final class SharedSystem {

    /**
     * The bridge's longest delay between two retries of a waiting conversation (production: 5 min): short here, so a
     * 4biz outage longer than it ends in a test's time, and the test shows the retries go on through it.
     */
    static final Duration LONGEST_RETRY_DELAY = Duration.ofSeconds(10);

    private static RunningSystem system;

    private SharedSystem() {
    }

    static synchronized RunningSystem get() {
        if (system == null) {
            RunningSystem started = RunningSystem.start("system-tests/target/service-logs-shared",
                    Duration.ofSeconds(120), Map.of("ticket-bridge",
                            Map.of("OMNICHANNEL_PLATFORM_CONSUMER_MAX_RETRY", LONGEST_RETRY_DELAY.toSeconds() + "s")));
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "shared-system-stop"));
            system = started;
        }
        return system;
    }
}
