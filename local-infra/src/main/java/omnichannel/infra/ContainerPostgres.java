package omnichannel.infra;

import java.time.Duration;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * PostgreSQL in a container started by Testcontainers (the {@code containers} Maven profile): Debian's
 * postgresql-15 in the image {@code local-infra/containers/setup-podman.sh} builds. Host networking on a free port.
 */
public final class ContainerPostgres implements PostgresEndpoint {

    static final DockerImageName IMAGE = DockerImageName.parse("localhost/omnichannel/test-postgres:15");

    private final GenericContainer<?> container;
    private final int port;

    private ContainerPostgres(GenericContainer<?> container, int port) {
        this.container = container;
        this.port = port;
    }

    public static ContainerPostgres start() {
        int port = FreePorts.next();
        GenericContainer<?> container = new GenericContainer<>(IMAGE)
                .withNetworkMode("host")
                .withEnv("PGPORT", Integer.toString(port))
                .withEnv("POSTGRES_PASSWORD", PASSWORD)
                // initdb, then the server itself: the message comes once, from the server
                .waitingFor(Wait.forLogMessage(".*database system is ready to accept connections.*", 1))
                .withStartupTimeout(Duration.ofMinutes(2));
        container.start();
        ContainerPostgres postgres = new ContainerPostgres(container, port);
        postgres.createServiceDatabases();
        return postgres;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public void close() {
        container.stop();
    }
}
