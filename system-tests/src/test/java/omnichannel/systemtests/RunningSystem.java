package omnichannel.systemtests;

import java.nio.file.Path;
import java.time.Duration;

import omnichannel.testing.Tokens;
import omnichannel.testing.infra.FreePorts;
import omnichannel.testing.infra.KafkaBroker;
import omnichannel.testing.infra.PostgresServer;
import omnichannel.testing.system.SystemStack;

/**
 * The system a test class runs against: a temporary PostgreSQL and Kafka, the simulators and every packaged service
 * as processes on free ports, and a token issuer they trust. One per test class; closed after it.
 */
record RunningSystem(PostgresServer postgres, KafkaBroker kafka, SystemStack stack, Tokens tokens,
        Simulators simulators) implements AutoCloseable {

    /** @param logs the folder under system-tests/target for the services' logs */
    static RunningSystem start(String logs) {
        Path root = Path.of(System.getProperty("omnichannel.root", "..")).toAbsolutePath().normalize();
        PostgresServer postgres = PostgresServer.startTemporary();
        KafkaBroker kafka = KafkaBroker.startTemporary();
        SystemStack.Ports ports = new SystemStack.Ports(FreePorts.next(), FreePorts.next(), FreePorts.next(),
                FreePorts.next(), FreePorts.next(), FreePorts.next());
        Tokens tokens = new Tokens();
        try {
            SystemStack stack = SystemStack.start(root, root.resolve("system-tests/target/" + logs), postgres, kafka,
                    ports, tokens, Duration.ofSeconds(120));
            return new RunningSystem(postgres, kafka, stack, tokens, new Simulators(stack.service("simulators").baseUrl()));
        } catch (RuntimeException e) {
            kafka.close();
            postgres.close();
            throw e;
        }
    }

    String configService() {
        return stack.service("config-service").baseUrl();
    }

    /** Services first, then Kafka and PostgreSQL. */
    @Override
    public void close() {
        stack.close();
        kafka.close();
        postgres.close();
    }
}
