package omnichannel.infra;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one) inside this JVM: no Docker, no ZooKeeper.
 * Used by the tests of every service and by the local run.
 */
public final class KafkaBroker implements KafkaEndpoint {

    private final Properties props;
    private volatile KafkaRaftServer server;
    private final String bootstrapServers;
    private final Path logDir;
    private final boolean deleteOnClose;

    private KafkaBroker(Properties props, KafkaRaftServer server, String bootstrapServers, Path logDir,
            boolean deleteOnClose) {
        this.props = props;
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.logDir = logDir;
        this.deleteOnClose = deleteOnClose;
    }

    /** A throw-away broker on free ports, its data in a temporary directory removed on close. */
    public static KafkaBroker startTemporary() {
        try {
            return start(Files.createTempDirectory("omnichannel-kafka"), FreePorts.next(), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A broker whose data survives restarts in {@code dataDir} (formatted on first use).
     *
     * @param port the client port on 127.0.0.1
     */
    public static KafkaBroker start(Path dataDir, int port, boolean deleteOnClose) {
        int controllerPort = FreePorts.next();
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", dataDir.toString());
        props.put("num.partitions", "4");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "4");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        // Tests start and stop consumer groups all the time; waiting 3 s for more members only slows them down.
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "true");
        try {
            Files.createDirectories(dataDir);
            if (!Files.exists(dataDir.resolve("meta.properties"))) {
                format(dataDir, props);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new KafkaBroker(props, started(props), "127.0.0.1:" + port, dataDir, deleteOnClose);
    }

    private static KafkaRaftServer started(Properties props) {
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        return server;
    }

    /**
     * Stops the broker, leaves it down for {@code down}, and starts it again on the same ports and data, as a broker
     * restart in a cluster looks to its clients (who must reconnect on their own).
     */
    public synchronized void restart(Duration down) {
        server.shutdown();
        server.awaitShutdown();
        try {
            Thread.sleep(down.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server = started(props);
    }

    // StorageTool.main would exit the JVM; execute reports through its return code instead.
    private static void format(Path dataDir, Properties props) throws IOException {
        Path config = dataDir.resolve("server.properties");
        try (Writer writer = Files.newBufferedWriter(config)) {
            props.store(writer, "written for kafka-storage format");
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int code = StorageTool.execute(new String[]{"format", "--cluster-id", Uuid.randomUuid().toString(),
                "--config", config.toString(), "--ignore-formatted"}, new PrintStream(output, true, StandardCharsets.UTF_8));
        if (code != 0) {
            throw new IllegalStateException("kafka storage format failed: " + output.toString(StandardCharsets.UTF_8));
        }
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * The broker as a container's process ({@code local-infra/containers/kafka.Containerfile}): on the port given as the
     * first argument, its data in a temporary directory, until the container is stopped.
     */
    public static void main(String[] args) throws InterruptedException {
        KafkaBroker broker = start(Path.of("/tmp/kafka-data"), Integer.parseInt(args[0]), true);
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kafka-shutdown"));
        System.out.println("omnichannel kafka ready on " + broker.bootstrapServers());
        Thread.currentThread().join();
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        if (deleteOnClose) {
            Directories.deleteRecursively(logDir);
        }
    }
}
