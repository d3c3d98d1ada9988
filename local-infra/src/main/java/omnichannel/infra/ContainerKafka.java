package omnichannel.infra;

import java.time.Duration;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * Kafka in a container started by Testcontainers (the {@code containers} Maven profile): the image
 * {@code local-infra/containers/setup-podman.sh} builds, running the same KRaft broker as the embedded path. Host
 * networking, so the broker advertises the free port it listens on.
 */
public final class ContainerKafka implements KafkaEndpoint {

    static final DockerImageName IMAGE = DockerImageName.parse("localhost/omnichannel/test-kafka:local");

    private final GenericContainer<?> container;
    private final int port;

    private ContainerKafka(GenericContainer<?> container, int port) {
        this.container = container;
        this.port = port;
    }

    public static ContainerKafka start() {
        int port = FreePorts.next();
        GenericContainer<?> container = new GenericContainer<>(IMAGE)
                .withNetworkMode("host")
                .withCommand(Integer.toString(port))
                .waitingFor(Wait.forLogMessage(".*omnichannel kafka ready.*", 1))
                .withStartupTimeout(Duration.ofMinutes(2));
        container.start();
        return new ContainerKafka(container, port);
    }

    @Override
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() {
        container.stop();
    }
}
