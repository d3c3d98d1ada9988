package omnichannel.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * P1: the gateway's full path (signature, normalisation, Kafka acks=all awaited, 200) against a bare Quarkus endpoint
 * answering the same request with no work, same generator, same run: the highest sustained rate of each (every
 * request answered 2xx, p99 under 100 ms, in open-model steps) and the ratio; then p50/p99/p99.9 at 1,000/s.
 * The bridge and the channel services are stopped: what the gateway publishes waits in Kafka, so the gateway has the
 * machine this figure is about.
 */
final class WebhookIntake {

    static final int[] STEPS = {250, 500, 1000, 1500, 2000, 2500, 3000, 4000};
    static final int STEP_SECONDS = 6;

    private final BenchSystem system;

    WebhookIntake(BenchSystem system) {
        this.system = system;
    }

    Result run() throws InterruptedException {
        for (String module : List.of("ticket-bridge", "channel-whatsapp", "channel-twitter")) {
            system.stopIfRunning(module);
        }
        URI gateway = URI.create(system.stack.service("webhook-gateway").baseUrl());
        URI simulators = URI.create(system.simulators());
        String gatewayPath = Webhooks.callbackPath(system.interaction);
        String barePath = "/bench/bare/whatsapp/" + system.interaction.id();

        Map<String, Object> raw = Result.numbers();
        try (OpenLoad toGateway = new OpenLoad(gateway.getHost(), gateway.getPort(), 256);
                OpenLoad toBare = new OpenLoad(simulators.getHost(), simulators.getPort(), 256)) {
            Progress.say("P1: warm-up, 20 s of signed webhooks to both endpoints");
            toGateway.run(300, Webhooks.signed(system.interaction, gatewayPath, "p1-warm", 300 * 10, false));
            toBare.run(300, Webhooks.signed(system.interaction, barePath, "p1-warm", 300 * 10, false));

            int gatewayMax = maxSustained("gateway", toGateway, gatewayPath, raw);
            int bareMax = maxSustained("bare", toBare, barePath, raw);

            Progress.say("P1: 1,000 webhooks/s for 20 s to the gateway");
            OpenLoad.Outcome at1000 = toGateway.run(1000,
                    Webhooks.signed(system.interaction, gatewayPath, "p1-1000", 1000 * 20, false));
            Progress.say("P1: gateway at 1,000/s: %s", at1000);
            OpenLoad.Outcome bareAt1000 = toBare.run(1000,
                    Webhooks.signed(system.interaction, barePath, "p1-1000", 1000 * 20, false));
            Progress.say("P1: bare at 1,000/s: %s", bareAt1000);

            raw.put("gatewayMaxSustained", gatewayMax);
            raw.put("bareMaxSustained", bareMax);
            raw.put("gatewayAt1000", outcome(at1000));
            raw.put("bareAt1000", outcome(bareAt1000));
            double ratio = bareMax == 0 ? 0 : (double) gatewayMax / bareMax;
            boolean met = ratio >= 0.6 && at1000.errors() == 0 && at1000.millis(99) < 50;
            return new Result("P1", "webhook intake (signature, normalisation, Kafka acks=all awaited)",
                    "≥ 0.6 × a bare endpoint's throughput; p99 < 50 ms at 1,000/s; 0 errors",
                    "max sustained %d/s; at 1,000/s: p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, %d errors".formatted(
                            gatewayMax, at1000.millis(50), at1000.millis(99), at1000.millis(99.9), at1000.errors()),
                    "bare Quarkus endpoint: max sustained %d/s; at 1,000/s p99 %.1f ms".formatted(bareMax,
                            bareAt1000.millis(99)),
                    "%.2f".formatted(ratio), met,
                    "Open model (fixed arrival rate, latency from the intended send time, HdrHistogram), genuine "
                            + "Twilio-signed webhooks with unique MessageSids prepared before each step. Max sustained "
                            + "= the highest step of " + java.util.Arrays.toString(STEPS) + "/s (" + STEP_SECONDS
                            + " s each) with every request answered 2xx and p99 < 100 ms. Bridge and channels stopped "
                            + "during P1; generator, Kafka broker and gateway share the two cores.",
                    raw);
        }
    }

    private int maxSustained(String name, OpenLoad load, String path, Map<String, Object> raw)
            throws InterruptedException {
        int best = 0;
        List<Map<String, Object>> steps = new ArrayList<>();
        int misses = 0;
        for (int rate : STEPS) {
            OpenLoad.Outcome outcome = load.run(rate,
                    Webhooks.signed(system.interaction, path, "p1-" + name + "-" + rate, rate * STEP_SECONDS, false));
            Progress.say("P1 %s: %s", name, outcome);
            steps.add(outcome(outcome));
            if (outcome.sustained()) {
                best = rate;
                misses = 0;
            } else if (++misses == 2) {
                break;
            }
            Progress.sleep(Duration.ofSeconds(2).toMillis());
        }
        raw.put(name + "Steps", steps);
        return best;
    }

    static Map<String, Object> outcome(OpenLoad.Outcome o) {
        Map<String, Object> m = Result.numbers();
        m.put("rate", o.rate());
        m.put("offered", o.offered());
        m.put("completed", o.completed());
        m.put("errors", o.errors());
        m.put("achievedPerSecond", Math.round(o.achieved()));
        m.put("p50ms", o.millis(50));
        m.put("p99ms", o.millis(99));
        m.put("p999ms", o.millis(99.9));
        m.put("maxMs", o.latencyMicros().getMaxValue() / 1000.0);
        return m;
    }
}
