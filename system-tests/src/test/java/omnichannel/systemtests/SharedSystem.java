package omnichannel.systemtests;

import omnichannel.system.RunningSystem;

/**
 * One running system for the test classes that leave it working as they found it (their own interactions, people and
 * texts; a replica stopped after use; a service killed or restarted comes back; a 4biz outage or a Twilio storm ends):
 * started by the first that asks, closed when the test JVM ends. Starting a whole stack takes most of a minute. The
 * chaos soak, whose faults land at random, runs its own.
 */
final class SharedSystem {

    private static RunningSystem system;

    private SharedSystem() {
    }

    static synchronized RunningSystem get() {
        if (system == null) {
            RunningSystem started = RunningSystem.start("system-tests/target/service-logs-shared");
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "shared-system-stop"));
            system = started;
        }
        return system;
    }
}
