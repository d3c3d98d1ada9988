package omnichannel.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * P1: the gateway's full path (signature, normalisation, Kafka acks=all awaited, 200) against a bare Quarkus endpoint
 * answering the same request with no work, same run. Throughput by {@code wrk} (closed loop, 32 to 256 connections,
 * the best of each), because a figure the generator cannot reach is not a figure; the in-house open-model generator
 * climbs the same steps on both for the cross-check and gives the latency at 1,000/s. The bridge and the channel
 * services are stopped: what the gateway publishes waits in Kafka, so the gateway has the machine this figure is about.
 */
final class WebhookIntake {

    static final int[] STEPS = {1000, 2000, 4000, 6000, 8000, 10000, 12000, 16000, 20000, 24000, 28000, 32000};
    static final int STEP_SECONDS = 4;
    static final int[] WRK_CONNECTIONS = {32, 64, 128, 256};
    static final Duration WRK_RUN = Duration.ofSeconds(10);
    /** The connections of the runs with each endpoint alone on a CPU (the shared runs' best are at 64 to 128). */
    static final int[] ALONE_CONNECTIONS = {64, 128};

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
        long gatewayPid = system.stack.service("webhook-gateway").pid();
        long barePid = system.stack.service("simulators").pid();
        String gatewayPath = Webhooks.callbackPath(system.interaction);
        String barePath = "/bench/bare/whatsapp/" + system.interaction.id();
        if (!Wrk.available()) {
            throw new IllegalStateException("P1 needs wrk (apt-get install wrk); run-bench.sh installs it as root");
        }

        Map<String, Object> raw = Result.numbers();
        try (OpenLoad toGateway = new OpenLoad(gateway.getHost(), gateway.getPort(), 256);
                OpenLoad toBare = new OpenLoad(simulators.getHost(), simulators.getPort(), 256)) {
            Progress.say("P1: warm-up, 20 s of wrk on each endpoint");
            List<OpenLoad.Request> forWrkGateway = Webhooks.signed(system.interaction, gatewayPath, "p1-wrk", 5000, false);
            List<OpenLoad.Request> forWrkBare = Webhooks.signed(system.interaction, barePath, "p1-wrk", 5000, false);
            Wrk.run("gateway", gatewayPid, gateway, forWrkGateway, 128, Duration.ofSeconds(20));
            Wrk.run("bare", barePid, simulators, forWrkBare, 128, Duration.ofSeconds(20));

            List<Wrk.Run> wrkGateway = new ArrayList<>();
            List<Wrk.Run> wrkBare = new ArrayList<>();
            for (int connections : WRK_CONNECTIONS) {
                wrkGateway.add(logged(Wrk.run("gateway", gatewayPid, gateway, forWrkGateway, connections, WRK_RUN)));
                wrkBare.add(logged(Wrk.run("bare", barePid, simulators, forWrkBare, connections, WRK_RUN)));
            }
            Wrk.Run bestGateway = best(wrkGateway);
            Wrk.Run bestBare = best(wrkBare);

            // the same with each endpoint alone on one CPU, the broker and wrk on the other: the broker's share of the
            // two cores taken out of the comparison (production runs it on machines of its own)
            List<Wrk.Run> aloneGateway = new ArrayList<>();
            List<Wrk.Run> aloneBare = new ArrayList<>();
            if (CpuUse.canPin()) {
                for (int connections : ALONE_CONNECTIONS) {
                    aloneGateway.add(logged(CpuUse.alone(gatewayPid, () -> Wrk.run("gateway alone on a CPU",
                            gatewayPid, gateway, forWrkGateway, connections, WRK_RUN))));
                    aloneBare.add(logged(CpuUse.alone(barePid, () -> Wrk.run("bare alone on a CPU", barePid,
                            simulators, forWrkBare, connections, WRK_RUN))));
                }
            } else {
                Progress.say("P1: no taskset here, the runs with each endpoint alone on a CPU are skipped");
            }

            List<OpenLoad.Outcome> gatewaySteps = steps("gateway", toGateway, gatewayPath);
            List<OpenLoad.Outcome> bareSteps = steps("bare", toBare, barePath);
            int gatewayMax = maxSustained(gatewaySteps);
            int bareMax = maxSustained(bareSteps);

            Progress.say("P1: 1,000 webhooks/s for 20 s to the gateway");
            OpenLoad.Outcome at1000 = toGateway.run(1000,
                    Webhooks.signed(system.interaction, gatewayPath, "p1-1000", 1000 * 20, false));
            Progress.say("P1: gateway at 1,000/s: %s", at1000);
            OpenLoad.Outcome bareAt1000 = toBare.run(1000,
                    Webhooks.signed(system.interaction, barePath, "p1-1000", 1000 * 20, false));
            Progress.say("P1: bare at 1,000/s: %s", bareAt1000);

            raw.put("wrkGateway", wrkGateway.stream().map(Wrk.Run::raw).toList());
            raw.put("wrkBare", wrkBare.stream().map(Wrk.Run::raw).toList());
            raw.put("wrkGatewayAloneOnACpu", aloneGateway.stream().map(Wrk.Run::raw).toList());
            raw.put("wrkBareAloneOnACpu", aloneBare.stream().map(Wrk.Run::raw).toList());
            raw.put("gatewaySteps", gatewaySteps.stream().map(WebhookIntake::outcome).toList());
            raw.put("bareSteps", bareSteps.stream().map(WebhookIntake::outcome).toList());
            raw.put("gatewayMaxSustainedInHouse", gatewayMax);
            raw.put("bareMaxSustainedInHouse", bareMax);
            raw.put("gatewayAt1000", outcome(at1000));
            raw.put("bareAt1000", outcome(bareAt1000));
            double ratio = bestGateway.perSecond() / bestBare.perSecond();
            double generatorReach = bareMax / bestBare.perSecond();
            raw.put("ratio", ratio);
            String alone = "";
            if (!aloneGateway.isEmpty()) {
                Wrk.Run g = best(aloneGateway);
                Wrk.Run b = best(aloneBare);
                raw.put("ratioAloneOnACpu", g.perSecond() / b.perSecond());
                alone = ("; each endpoint alone on one CPU, the broker and wrk on the other: gateway %.0f/s at %d "
                        + "connections, bare %.0f/s at %d, ratio %.2f").formatted(g.perSecond(), g.connections(),
                                b.perSecond(), b.connections(), g.perSecond() / b.perSecond());
            }
            raw.put("inHouseGeneratorReachOfWrk", generatorReach);
            boolean met = ratio >= 0.7 && at1000.errors() == 0 && at1000.millis(99) < 20 && bestGateway.errors() == 0;

            String steps = Charts.lines(system.root, "p1-steps.png",
                    "P1: in-house open-model generator, achieved vs offered (wrk's best dashed)",
                    "offered requests/s", "answered requests/s",
                    List.of(series("gateway", gatewaySteps), series("bare endpoint", bareSteps)),
                    Map.of("wrk best, gateway", bestGateway.perSecond(), "wrk best, bare", bestBare.perSecond()));
            List<String> categories = new ArrayList<>(
                    Arrays.stream(WRK_CONNECTIONS).mapToObj(c -> c + " connections").toList());
            Arrays.stream(ALONE_CONNECTIONS).limit(aloneGateway.size())
                    .forEach(c -> categories.add(c + ", alone on a CPU"));
            List<Wrk.Run> gatewayBars = new ArrayList<>(wrkGateway);
            gatewayBars.addAll(aloneGateway);
            List<Wrk.Run> bareBars = new ArrayList<>(wrkBare);
            bareBars.addAll(aloneBare);
            String bars = Charts.bars(system.root, "p1-wrk.png",
                    "P1: wrk, requests/s by connections (two shared cores; then each endpoint alone on one)",
                    "requests/s", categories,
                    Map.of("gateway", gatewayBars.stream().map(r -> (Number) Math.round(r.perSecond())).toList(),
                            "bare endpoint", bareBars.stream().map(r -> (Number) Math.round(r.perSecond())).toList()));
            return new Result("P1", "webhook intake (signature, normalisation, Kafka acks=all awaited)",
                    "≥ 0.7 × a bare endpoint's throughput (generator able to saturate it); p99 < 20 ms at 1,000/s; 0 errors",
                    ("wrk: %.0f/s at %d connections, %d errors; in-house generator: %d/s sustained; at 1,000/s: p50 %.1f ms, "
                            + "p99 %.1f ms, p99.9 %.1f ms, %d errors").formatted(bestGateway.perSecond(),
                                    bestGateway.connections(), bestGateway.errors(), gatewayMax, at1000.millis(50),
                                    at1000.millis(99), at1000.millis(99.9), at1000.errors()),
                    ("bare Quarkus endpoint, wrk: %.0f/s at %d connections; in-house generator: %d/s sustained "
                            + "(%.0f %% of wrk's); at 1,000/s p99 %.1f ms").formatted(bestBare.perSecond(),
                                    bestBare.connections(), bareMax, 100 * generatorReach, bareAt1000.millis(99))
                            + ("; CPU per request (wrk's best runs; machine busy %.2f and %.2f of %d cores): gateway "
                                    + "%.0f µs + Kafka broker %.0f µs, bare endpoint %.0f µs").formatted(
                                            bestGateway.cpu().machineBusy(), bestBare.cpu().machineBusy(),
                                            bestBare.cpu().machineCores(), bestGateway.serviceMicrosPerRequest(),
                                            bestGateway.brokerMicrosPerRequest(), bestBare.serviceMicrosPerRequest())
                            + alone,
                    "%.2f".formatted(ratio), met,
                    "Throughput: wrk 4.1 (one thread, " + Arrays.toString(WRK_CONNECTIONS) + " connections, "
                            + WRK_RUN.toSeconds() + " s each after 20 s of warm-up, the best of each endpoint), cycling "
                            + "5,000 genuine Twilio-signed webhooks with distinct MessageSids. Cross-check: the in-house "
                            + "open-model generator (" + OpenLoad.LOOPS + " event loops, fixed arrival rate, latency "
                            + "from the intended send time, HdrHistogram) climbs " + Arrays.toString(STEPS)
                            + "/s (" + STEP_SECONDS + " s each); sustained = every request 2xx and p99 < 100 ms. "
                            + "p99 at 1,000/s from the in-house generator. Bridge and channels stopped; generator, "
                            + "Kafka broker and gateway share the two cores. CPU per request from /proc (each "
                            + "process's CPU time over the run / requests). Then the same wrk runs at "
                            + Arrays.toString(ALONE_CONNECTIONS) + " connections with the endpoint's "
                            + "process pinned alone to one CPU and the benchmark's JVM (the broker) and wrk to the "
                            + "other (taskset), so that neither endpoint shares its core with the broker.",
                    raw, List.of(bars, steps));
        }
    }

    private static Wrk.Run logged(Wrk.Run run) {
        Progress.say("P1 wrk %s", run);
        return run;
    }

    private static Wrk.Run best(List<Wrk.Run> runs) {
        return runs.stream().filter(r -> r.errors() == 0).max(Comparator.comparingDouble(Wrk.Run::perSecond))
                .orElse(runs.get(0));
    }

    private static Charts.Series series(String name, List<OpenLoad.Outcome> steps) {
        return new Charts.Series(name, steps.stream().map(o -> (Number) o.rate()).toList(),
                steps.stream().map(o -> (Number) Math.round(o.achieved())).toList());
    }

    /** Climbs the steps until two in a row are not sustained. */
    private List<OpenLoad.Outcome> steps(String name, OpenLoad load, String path) throws InterruptedException {
        List<OpenLoad.Outcome> steps = new ArrayList<>();
        int misses = 0;
        for (int rate : STEPS) {
            OpenLoad.Outcome outcome = load.run(rate,
                    Webhooks.signed(system.interaction, path, "p1-" + name + "-" + rate, rate * STEP_SECONDS, false));
            Progress.say("P1 %s: %s", name, outcome);
            steps.add(outcome);
            if (outcome.sustained()) {
                misses = 0;
            } else if (++misses == 2) {
                break;
            }
            Progress.sleep(Duration.ofSeconds(2).toMillis());
        }
        return steps;
    }

    private static int maxSustained(List<OpenLoad.Outcome> steps) {
        return steps.stream().filter(OpenLoad.Outcome::sustained).mapToInt(OpenLoad.Outcome::rate).max().orElse(0);
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
