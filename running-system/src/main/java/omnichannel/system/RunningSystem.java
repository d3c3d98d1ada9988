package omnichannel.system;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import omnichannel.infra.FreePorts;
import omnichannel.infra.KafkaBroker;
import omnichannel.infra.PostgresServer;
import omnichannel.simulators.identity.Tokens;

/**
 * The whole system on temporary servers: a PostgreSQL and a Kafka of its own, the simulators and every packaged service
 * as processes on free ports, and a token issuer they trust (the stack's token endpoint). The chaos soak starts one of
 * its own, the other system test classes share one, the benchmarks start one per run; closed after.
 */
public record RunningSystem(Path root, PostgresServer postgres, KafkaBroker kafka, SystemStack stack, Tokens tokens,
        Simulators simulators) implements AutoCloseable {

    /** The repository's root: {@code -Domnichannel.root}, or the parent of the working directory (a module). */
    public static Path repositoryRoot() {
        return Path.of(System.getProperty("omnichannel.root", "..")).toAbsolutePath().normalize();
    }

    /** @param logs the folder, under the repository's root, for the services' logs */
    public static RunningSystem start(String logs) {
        return start(logs, Duration.ofSeconds(120), Map.of());
    }

    /** The same, with environment variables changed per module (the benchmarks' production settings). */
    public static RunningSystem start(String logs, Duration readyTimeout, Map<String, Map<String, String>> changedEnv) {
        Path root = repositoryRoot();
        PostgresServer postgres = PostgresServer.startTemporary();
        KafkaBroker kafka = KafkaBroker.startTemporary();
        SystemStack.Ports ports = new SystemStack.Ports(FreePorts.next(), FreePorts.next(), FreePorts.next(),
                FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next());
        Tokens tokens = new Tokens();
        try {
            SystemStack stack = SystemStack.start(root, root.resolve(logs), postgres, kafka, ports, tokens, readyTimeout,
                    changedEnv);
            return new RunningSystem(root, postgres, kafka, stack, tokens,
                    new Simulators(stack.service("simulators").baseUrl()));
        } catch (RuntimeException e) {
            kafka.close();
            postgres.close();
            throw e;
        }
    }

    public String configService() {
        return stack.service("config-service").baseUrl();
    }

    /** Stops a service for the rest of the run, if it still runs (benchmarks that measure another one). */
    public void stopIfRunning(String module) {
        try {
            stack.stop(module);
        } catch (IllegalArgumentException alreadyStopped) {
            // nothing to stop
        }
    }

    /** Services first, then Kafka and PostgreSQL. */
    @Override
    public void close() {
        stack.close();
        kafka.close();
        postgres.close();
    }
}
