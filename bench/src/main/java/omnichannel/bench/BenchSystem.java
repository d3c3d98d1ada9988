package omnichannel.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import omnichannel.infra.KafkaBroker;
import omnichannel.infra.PostgresServer;
import omnichannel.system.DemoInteraction;
import omnichannel.system.RunningSystem;
import omnichannel.system.SystemStack;

/**
 * The running system as the benchmarks use it ({@link RunningSystem} with production settings where the tests shorten
 * them) and the WhatsApp interaction they send through.
 */
final class BenchSystem implements AutoCloseable {

    final RunningSystem running;
    final Path root;
    final PostgresServer postgres;
    final KafkaBroker kafka;
    final SystemStack stack;
    final DemoInteraction interaction;

    private BenchSystem(RunningSystem running, DemoInteraction interaction) {
        this.running = running;
        this.root = running.root();
        this.postgres = running.postgres();
        this.kafka = running.kafka();
        this.stack = running.stack();
        this.interaction = interaction;
    }

    static BenchSystem start() {
        Progress.say("starting PostgreSQL, Kafka, the simulators and every service");
        RunningSystem running = RunningSystem.start("bench/target/service-logs", Duration.ofSeconds(180),
                Map.of("ticket-bridge", Map.of("BRIDGE_ANSWERS_POLL_INTERVAL", "10s")));
        return new BenchSystem(running, DemoInteraction.create(running.configService(), running.tokens().admin()));
    }

    void stopIfRunning(String module) {
        running.stopIfRunning(module);
    }

    String simulators() {
        return running.simulators().baseUrl();
    }

    void fourBizLatency(long millis) {
        running.simulators().fourBizLatency(millis, millis);
    }

    List<JsonNode> tickets() {
        return running.simulators().tickets();
    }

    @Override
    public void close() {
        running.close();
    }
}
