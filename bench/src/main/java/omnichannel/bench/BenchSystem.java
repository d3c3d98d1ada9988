package omnichannel.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;

import omnichannel.testing.Tokens;
import omnichannel.testing.infra.KafkaBroker;
import omnichannel.testing.infra.PostgresServer;
import omnichannel.testing.system.DemoInteraction;
import omnichannel.testing.system.HttpJson;
import omnichannel.testing.system.SystemStack;

/**
 * The whole system as the benchmarks use it: the packaged services as processes on a temporary PostgreSQL and Kafka,
 * 4biz and Twilio played by the simulators, one WhatsApp interaction.
 */
final class BenchSystem implements AutoCloseable {

    final Path root;
    final PostgresServer postgres;
    final KafkaBroker kafka;
    final SystemStack stack;
    final Tokens tokens;
    final DemoInteraction interaction;
    final SystemStack.Ports ports;

    private BenchSystem(Path root, PostgresServer postgres, KafkaBroker kafka, SystemStack stack, Tokens tokens,
            DemoInteraction interaction, SystemStack.Ports ports) {
        this.root = root;
        this.postgres = postgres;
        this.kafka = kafka;
        this.stack = stack;
        this.tokens = tokens;
        this.interaction = interaction;
        this.ports = ports;
    }

    static BenchSystem start(Path root) {
        Progress.say("starting PostgreSQL, Kafka, the simulators and every service");
        PostgresServer postgres = PostgresServer.startTemporary();
        KafkaBroker kafka = KafkaBroker.startTemporary();
        SystemStack.Ports ports = new SystemStack.Ports(omnichannel.testing.infra.FreePorts.next(),
                omnichannel.testing.infra.FreePorts.next(), omnichannel.testing.infra.FreePorts.next(),
                omnichannel.testing.infra.FreePorts.next(), omnichannel.testing.infra.FreePorts.next(),
                omnichannel.testing.infra.FreePorts.next());
        Tokens tokens = new Tokens();
        // production settings where the tests shorten them
        SystemStack stack = SystemStack.start(root, root.resolve("bench/target/service-logs"), postgres, kafka, ports,
                tokens, Duration.ofSeconds(180),
                Map.of("ticket-bridge", Map.of("BRIDGE_ANSWERS_POLL_INTERVAL", "10s")));
        DemoInteraction interaction = DemoInteraction.create(stack.service("config-service").baseUrl(), tokens.admin());
        return new BenchSystem(root, postgres, kafka, stack, tokens, interaction, ports);
    }

    /** Stops a service for the rest of the run (benchmarks that measure another one). */
    void stopIfRunning(String module) {
        try {
            stack.stop(module);
        } catch (IllegalArgumentException alreadyStopped) {
            // nothing to stop
        }
    }

    String simulators() {
        return stack.service("simulators").baseUrl();
    }

    void fourBizLatency(long millis) {
        HttpJson.putJson(simulators() + "/simulators/fourbiz/faults/latency",
                "{\"minMillis\":" + millis + ",\"maxMillis\":" + millis + "}", Map.of());
    }

    List<JsonNode> tickets() {
        return StreamSupport.stream(HttpJson.get(simulators() + "/simulators/fourbiz/tickets").json().spliterator(), false)
                .toList();
    }

    @Override
    public void close() {
        stack.close();
        kafka.close();
        postgres.close();
    }
}
