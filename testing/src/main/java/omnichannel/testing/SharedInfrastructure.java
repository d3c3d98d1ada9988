package omnichannel.testing;

import omnichannel.testing.infra.KafkaBroker;
import omnichannel.testing.infra.PostgresServer;

/**
 * One PostgreSQL server and one Kafka broker per test JVM, started on first use and stopped when the JVM exits:
 * every test class of a module shares them (Quarkus may restart between classes; the servers need not).
 */
public final class SharedInfrastructure {

    private static KafkaBroker kafka;
    private static PostgresServer postgres;

    private SharedInfrastructure() {
    }

    public static synchronized KafkaBroker kafka() {
        if (kafka == null) {
            kafka = KafkaBroker.startTemporary();
            KafkaBroker started = kafka;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "kafka-shutdown"));
        }
        return kafka;
    }

    public static synchronized PostgresServer postgres() {
        if (postgres == null) {
            postgres = PostgresServer.startTemporary();
            PostgresServer started = postgres;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "postgres-shutdown"));
        }
        return postgres;
    }
}
