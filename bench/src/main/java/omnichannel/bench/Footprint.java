package omnichannel.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import omnichannel.system.ServiceProcess;

/**
 * P5: each service's time from process start to ready, and its resident memory (RSS from /proc, not heap) after it
 * carried load. Baseline, same run: the simulators, a Quarkus REST application without Kafka or a database. The
 * services run as the local run and deploy/ start them: JVM mode, {@code ServiceProcess.jvmOptions}.
 */
final class Footprint {

    static final List<String> SERVICES = List.of("config-service", "webhook-gateway", "ticket-bridge",
            "channel-whatsapp", "channel-twitter");
    private static final Pattern STARTED = Pattern.compile("started in ([0-9.]+)s");

    private final BenchSystem system;
    private final Map<String, Map<String, Object>> starts = new LinkedHashMap<>();
    private final Map<String, Long> rssMb = new LinkedHashMap<>();

    Footprint(BenchSystem system) {
        this.system = system;
    }

    /** Restarts each service on the quiet system and times it to ready. */
    void measureStarts() {
        for (String module : concat("simulators", SERVICES)) {
            ServiceProcess fresh = system.stack.restart(module, Map.of(), Duration.ofSeconds(120));
            Map<String, Object> start = Result.numbers();
            start.put("toReadySeconds", fresh.readyAfter().toMillis() / 1000.0);
            start.put("quarkusStartedInSeconds", quarkusStartedIn(fresh.log()));
            starts.put(module, start);
            Progress.say("P5: %s ready %.2f s after its process started (Quarkus: started in %s s)", module,
                    fresh.readyAfter().toMillis() / 1000.0, start.get("quarkusStartedInSeconds"));
        }
    }

    /** Reads the service's RSS now (call it right after the load it carried, before stopping it). */
    void recordRss(String module) {
        try {
            long pid = system.stack.service(module).pid();
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    rssMb.put(module, kb / 1024);
                    Progress.say("P5: %s RSS %d MB", module, kb / 1024);
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            Progress.say("P5: RSS of %s unavailable: %s", module, e.getMessage());
        }
    }

    Result result() {
        Map<String, Object> raw = Result.numbers();
        raw.put("starts", starts);
        raw.put("rssMb", rssMb);
        double worstStart = SERVICES.stream().filter(starts::containsKey)
                .mapToDouble(m -> (Double) starts.get(m).get("toReadySeconds")).max().orElse(Double.NaN);
        long worstRss = SERVICES.stream().filter(rssMb::containsKey).mapToLong(rssMb::get).max().orElse(-1);
        double baseStart = starts.containsKey("simulators")
                ? (Double) starts.get("simulators").get("toReadySeconds")
                : Double.NaN;
        StringBuilder figure = new StringBuilder();
        for (String module : SERVICES) {
            figure.append(module).append(": ").append(starts.containsKey(module)
                    ? starts.get(module).get("toReadySeconds") + " s"
                    : "?").append(", ").append(rssMb.getOrDefault(module, -1L)).append(" MB; ");
        }
        boolean met = worstStart <= 3.0 && worstRss > 0 && worstRss <= 256 && rssMb.keySet().containsAll(SERVICES);
        List<String> modules = concat("simulators", SERVICES);
        String chart = Charts.bars(system.root, "p5-footprint.png",
                "P5: start to ready (ms, bar 3,000) and RSS after load (MB, bar 256)", "ms / MB",
                modules.stream().map(m -> m.equals("simulators") ? "baseline (simulators)" : m).toList(),
                Map.of("start to ready, ms", modules.stream().map(m -> (Number) (starts.containsKey(m)
                        ? Math.round((Double) starts.get(m).get("toReadySeconds") * 1000)
                        : 0)).toList(),
                        "RSS after load, MB", modules.stream().map(m -> (Number) rssMb.getOrDefault(m, 0L)).toList()));
        return new Result("P5", "start to ready, resident memory after load (JVM mode)",
                "start ≤ 3 s to ready; RSS ≤ 256 MB after P1's load",
                figure.toString().trim(),
                "simulators (Quarkus REST only): %.2f s, %d MB".formatted(baseStart, rssMb.getOrDefault("simulators", -1L)),
                "slowest start %.1f× the baseline".formatted(worstStart / baseStart), met,
                "Ready = from the process start (JVM launch included) to the first 200 of /q/health/ready, each service "
                        + "restarted alone on the quiet system; Quarkus' own \"started in\" is in the raw data. RSS = "
                        + "VmRSS from /proc right after the service's own load: the gateway and config-service after "
                        + "P1, the bridge after P2 and P3, channel-whatsapp after P4; channel-twitter carries no load here "
                        + "and is read idle.",
                raw, List.of(chart));
    }

    private static Double quarkusStartedIn(Path log) {
        try {
            Matcher m = STARTED.matcher(Files.readString(log));
            Double last = null;
            while (m.find()) {
                last = Double.parseDouble(m.group(1));
            }
            return last;
        } catch (IOException e) {
            return null;
        }
    }

    private static List<String> concat(String first, List<String> rest) {
        return Stream.concat(Stream.of(first), rest.stream()).toList();
    }
}
