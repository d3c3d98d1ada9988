package omnichannel.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.management.OperatingSystemMXBean;

/**
 * Runs the benchmarks against the packaged system and writes BENCHMARKS.md (the table, the machine, each figure's
 * details, then bench/ANALYSIS.md) and bench/results/latest.json (every raw number).
 * <p>
 * Usage: {@code ./run-bench.sh [P1] [P2] [P3] [P4] [P5] [P6]} (P1 to P5 when none is named; P6, the build's own
 * time, only when named),
 * {@code ./run-bench.sh soak [minutes] [--outage-minutes N] [--seed S]} for the chaos soak ({@link Soak}), or
 * {@code ./run-bench.sh profile} for flame graphs of the gateway and the bridge under load ({@link Profiles}).
 */
public final class Benchmarks {

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("omnichannel.root", ".")).toAbsolutePath().normalize();
        if (args.length > 0 && args[0].equals("soak")) {
            Soak.main(root, List.of(args).subList(1, args.length));
            System.exit(0);
        }
        if (args.length > 0 && args[0].equals("profile")) {
            try (BenchSystem system = BenchSystem.start()) {
                new Profiles(system).run();
            }
            System.exit(0);
        }
        Set<String> wanted = args.length == 0 ? Set.of("P1", "P2", "P3", "P4", "P5") : Set.of(args);
        List<Result> results = new ArrayList<>();
        Instant started = Instant.now();
        if (wanted.contains("P6")) {
            // alone, before the system starts: the tests start their own servers on the same two cores
            results.add(new VerifyTime(root).run());
        }
        if (wanted.stream().anyMatch(w -> !w.equals("P6"))) {
            measure(wanted, results);
        }
        results.sort(Comparator.comparing(Result::id));
        write(root, merged(root, results), started);
        System.exit(0);
    }

    private static void measure(Set<String> wanted, List<Result> results) throws Exception {
        try (BenchSystem system = BenchSystem.start()) {
            // The order matters: start times on the quiet system; P2 and P3 before P1, which stops everything but
            // the gateway; each service's memory read right after its own load.
            Footprint footprint = new Footprint(system);
            if (wanted.contains("P5")) {
                Progress.say("P5: 20 s for the system to settle (the services just started and are still compiling)");
                Progress.sleep(20_000);
                footprint.measureStarts();
            }
            if (wanted.contains("P4")) {
                results.add(new OutboundBurst(system).run());
            }
            // channel-whatsapp after P4's burst; channel-twitter carries no load here: read before P2 stops them
            footprint.recordRss("channel-whatsapp");
            footprint.recordRss("channel-twitter");
            if (wanted.contains("P2")) {
                results.add(new EndToEnd(system).run());
            }
            if (wanted.contains("P3")) {
                results.add(new BridgeThroughput(system).run());
            }
            footprint.recordRss("ticket-bridge");
            if (wanted.contains("P1")) {
                results.add(new WebhookIntake(system).run());
            }
            for (String module : List.of("webhook-gateway", "config-service", "simulators")) {
                footprint.recordRss(module);
            }
            if (wanted.contains("P5")) {
                results.add(footprint.result());
            }
        }
    }

    /** A partial run replaces its own figures and keeps the others of the previous run's raw file. */
    private static List<Result> merged(Path root, List<Result> fresh) throws IOException {
        Path json = root.resolve("bench/results/latest.json");
        List<Result> all = new ArrayList<>(fresh);
        if (Files.exists(json)) {
            var previous = new ObjectMapper().readTree(json.toFile()).path("rows");
            for (var row : previous) {
                Result old = new ObjectMapper().treeToValue(row, Result.class);
                if (fresh.stream().noneMatch(r -> r.id().equals(old.id()))) {
                    all.add(old);
                }
            }
        }
        all.sort(Comparator.comparing(Result::id));
        return all;
    }

    private static void write(Path root, List<Result> results, Instant started) throws IOException {
        Map<String, Object> machine = machine();
        StringBuilder md = new StringBuilder()
                .append("# Benchmarks\n\n")
                .append("Generated by `./run-bench.sh` on ").append(started.truncatedTo(ChronoUnit.SECONDS))
                .append(" (raw data: `bench/results/latest.json`; a run naming some figures keeps the others from ")
                .append("the run before). Every figure is measured against a baseline in ")
                .append("the same run, on the machine below, with every service, PostgreSQL, Kafka, the simulators ")
                .append("and the load generator sharing it.\n\n")
                .append("Machine: ").append(machine.get("cpus")).append(" CPUs (").append(machine.get("cpuModel"))
                .append("), ").append(machine.get("memoryGb")).append(" GB RAM, ").append(machine.get("os"))
                .append(", Java ").append(machine.get("java")).append(".\n\n")
                .append("| bar | what | target | measured | baseline (same run) | ratio | met |\n")
                .append("|---|---|---|---|---|---|---|\n");
        for (Result r : results) {
            md.append("| ").append(r.id()).append(" | ").append(r.title()).append(" | ").append(r.bar()).append(" | ")
                    .append(r.figure()).append(" | ").append(r.baseline()).append(" | ").append(r.ratio()).append(" | ")
                    .append(r.met() ? "yes" : "**no**").append(" |\n");
        }
        md.append('\n');
        for (Result r : results) {
            for (String chart : r.charts()) {
                md.append("![").append(r.id()).append(": ").append(r.title()).append("](").append(chart).append(")\n\n");
            }
        }
        md.append("\n## How each figure is taken\n\n");
        for (Result r : results) {
            md.append("- **").append(r.id()).append("**: ").append(r.notes()).append('\n');
        }
        Path soak = root.resolve("bench/results/soak.md");
        if (Files.exists(soak)) {
            md.append('\n').append(Files.readString(soak));
        }
        Path analysis = root.resolve("bench/ANALYSIS.md");
        if (Files.exists(analysis)) {
            md.append('\n').append(Files.readString(analysis));
        }
        Files.writeString(root.resolve("BENCHMARKS.md"), md.toString(), StandardCharsets.UTF_8);

        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("started", started.toString());
        raw.put("machine", machine);
        Map<String, Object> figures = new LinkedHashMap<>();
        results.forEach(r -> figures.put(r.id(), r.raw()));
        raw.put("results", figures);
        raw.put("rows", results);
        Path json = root.resolve("bench/results/latest.json");
        Files.createDirectories(json.getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), raw);
        Progress.say("wrote %s and %s", root.resolve("BENCHMARKS.md"), json);
    }

    /** The soak writes its own section; the P1–P5 figures and the analysis around it stay as they are. */
    static void replaceSoakSection(Path root, String section) throws IOException {
        Path file = root.resolve("BENCHMARKS.md");
        String md = Files.exists(file) ? Files.readString(file) : "# Benchmarks\n\n";
        int start = md.indexOf("## Chaos soak");
        if (start >= 0) {
            int end = md.indexOf("\n## ", start + 3);
            md = md.substring(0, start) + (end < 0 ? "" : md.substring(end + 1));
        }
        int analysis = md.indexOf("## Analysis");
        md = analysis < 0 ? md + "\n" + section : md.substring(0, analysis) + section + "\n" + md.substring(analysis);
        Files.writeString(file, md, StandardCharsets.UTF_8);
    }

    private static Map<String, Object> machine() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cpus", Runtime.getRuntime().availableProcessors());
        machine.put("cpuModel", cpuModel());
        long memory = ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        machine.put("memoryGb", Math.round(memory / 1e9));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("java", System.getProperty("java.version"));
        return machine;
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
        } catch (IOException | UncheckedIOException e) {
            return "unknown CPU";
        }
    }
}
