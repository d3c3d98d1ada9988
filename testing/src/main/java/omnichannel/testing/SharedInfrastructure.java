package omnichannel.testing;

import omnichannel.infra.ContainerKafka;
import omnichannel.infra.ContainerPostgres;
import omnichannel.infra.KafkaBroker;
import omnichannel.infra.KafkaEndpoint;
import omnichannel.infra.PostgresEndpoint;
import omnichannel.infra.PostgresServer;

/**
 * One PostgreSQL server and one Kafka broker per test JVM, started on first use and stopped when the JVM exits:
 * every test class of a module shares them (Quarkus may restart between classes; the servers need not).
 * <p>
 * Embedded by default (zonky PostgreSQL binaries, a KRaft broker in this JVM): what CI runs here. With
 * {@code -Dtesting.infra=containers} (the {@code containers} Maven profile) Testcontainers starts them in
 * containers instead, wherever a Docker API is reachable (a developer's Docker, a CI runner, Podman: see
 * {@code local-infra/containers/setup-podman.sh}).
 */
public final class SharedInfrastructure {

    private static KafkaEndpoint kafka;
    private static PostgresEndpoint postgres;

    private SharedInfrastructure() {
    }

    static boolean inContainers() {
        return "containers".equals(System.getProperty("testing.infra", "embedded"));
    }

    public static synchronized KafkaEndpoint kafka() {
        if (kafka == null) {
            kafka = inContainers() ? ContainerKafka.start() : KafkaBroker.startTemporary();
            KafkaEndpoint started = kafka;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "kafka-shutdown"));
        }
        return kafka;
    }

    public static synchronized PostgresEndpoint postgres() {
        if (postgres == null) {
            postgres = inContainers() ? ContainerPostgres.start() : PostgresServer.startTemporary();
            PostgresEndpoint started = postgres;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "postgres-shutdown"));
        }
        return postgres;
    }
}
