package omnichannel.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import omnichannel.system.ServiceProcess;

/**
 * {@code ./run-bench.sh profile}: CPU profiles of three services starting (P5), of the gateway under P1's load (wrk) and
 * of the bridge under P3's, taken by async-profiler (loaded as an agent when the service starts, sampling CPU time
 * every millisecond) and cut to the measured window, written to bench/profiles/ as an interactive flame graph (HTML),
 * a PNG of it (headless Chromium, when installed) and the top frames by own time (text). Kept apart from the figures:
 * a profiled run is a slower run.
 */
final class Profiles {

    private static final Path DIRECTORY = Path.of("bench/profiles");

    private final BenchSystem system;
    private final Path out;

    Profiles(BenchSystem system) {
        this.system = system;
        this.out = system.root.resolve(DIRECTORY);
    }

    void run() throws IOException, InterruptedException {
        Files.createDirectories(out);
        for (String module : List.of("config-service", "ticket-bridge", "channel-whatsapp")) {
            start(module);
        }
        bridge(); // first: the gateway's profile stops the bridge and the channels, as P1 does
        gateway();
    }

    private void gateway() throws IOException {
        for (String module : List.of("ticket-bridge", "channel-whatsapp", "channel-twitter")) {
            system.stopIfRunning(module);
        }
        Path jfr = out.resolve("gateway.jfr");
        profiled("webhook-gateway", jfr);
        URI gateway = URI.create(system.stack.service("webhook-gateway").baseUrl());
        List<OpenLoad.Request> requests = Webhooks.signed(system.interaction, Webhooks.callbackPath(system.interaction),
                "profile", 5000, false);
        Progress.say("profile: gateway warm-up, 30 s of wrk");
        long pid = system.stack.service("webhook-gateway").pid();
        Wrk.run("gateway", pid, gateway, requests, 128, Duration.ofSeconds(30));
        long from = System.currentTimeMillis();
        Wrk.Run measured = Wrk.run("gateway", pid, gateway, requests, 128, Duration.ofSeconds(20));
        long to = System.currentTimeMillis();
        Progress.say("profile: gateway under load: %s", measured);
        unprofiled("webhook-gateway");
        render("gateway", jfr, from, to, "webhook-gateway at %.0f webhooks/s (wrk, 128 connections)".formatted(
                measured.perSecond()));
    }

    /** P5: where a service's start (process launch to ready) spends its CPU, on the quiet system. */
    private void start(String module) throws IOException {
        Path jfr = out.resolve(module + "-start.jfr");
        long from = System.currentTimeMillis();
        Duration ready = profiled(module, jfr).readyAfter();
        long to = System.currentTimeMillis();
        unprofiled(module);
        render(module + "-start", jfr, from, to, "%s: start to ready in %.2f s, with the profiler loaded".formatted(
                module, ready.toMillis() / 1000.0));
    }

    private void bridge() throws IOException {
        system.fourBizLatency(50);
        try {
            system.stopIfRunning("channel-whatsapp");
            Path jfr = out.resolve("bridge.jfr");
            profiled("ticket-bridge", jfr);
            BridgeThroughput p3 = new BridgeThroughput(system);
            Progress.say("profile: bridge warm-up (6,000 messages: the JIT compiles for most of the first thousands)");
            p3.measure("prof-warm", BridgeThroughput.WARM_CONVERSATIONS, BridgeThroughput.WARM_MESSAGES_EACH);
            long from = System.currentTimeMillis();
            BridgeThroughput.Run run = p3.measure("prof-run", 300, 40);
            long to = System.currentTimeMillis();
            unprofiled("ticket-bridge");
            render("bridge", jfr, from, to, "ticket-bridge at %.0f messages/s (P3's load, 4biz at 50 ms)".formatted(
                    run.perSecond()));
        } finally {
            system.fourBizLatency(0);
        }
    }

    private ServiceProcess profiled(String module, Path jfr) throws IOException {
        Files.deleteIfExists(jfr);
        Progress.say("profile: %s restarted with async-profiler", module);
        return system.stack.restart(module, Map.of("JAVA_TOOL_OPTIONS",
                "-agentpath:" + agent() + "=start,event=itimer,interval=1ms,file=" + jfr + ",jfr"),
                Duration.ofSeconds(120));
    }

    /** Restarting ends the profiled process gracefully, and the agent writes its recording as the JVM exits. */
    private void unprofiled(String module) {
        system.stack.restart(module, Map.of("JAVA_TOOL_OPTIONS", ""), Duration.ofSeconds(120));
    }

    private void render(String name, Path jfr, long from, long to, String title) throws IOException {
        Path html = out.resolve(name + "-flamegraph.html");
        Path collapsed = out.resolve(name + ".collapsed");
        // icicle (roots at the top) and no frame under 0.2 %: the picture's top is what matters, and Mutiny's deep
        // stacks would push it off the screenshot otherwise
        converter("--cpu", "--simple", "--inverted", "--minwidth", "0.2", "--from", Long.toString(from), "--to",
                Long.toString(to), "--title", title, "-o", "html", jfr.toString(), html.toString());
        converter("--cpu", "--simple", "--from", Long.toString(from), "--to", Long.toString(to), "-o", "collapsed",
                jfr.toString(), collapsed.toString());
        Files.writeString(out.resolve(name + "-top.txt"), top(collapsed, title));
        Files.delete(collapsed);
        Files.delete(jfr);
        screenshot(html, out.resolve(name + "-flamegraph.png"));
        Progress.say("profile: %s", html);
    }

    /** Own time by frame, and time including callees for the frames that matter here. */
    private static String top(Path collapsed, String title) throws IOException {
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> inclusive = new HashMap<>();
        long total = 0;
        for (String line : Files.readAllLines(collapsed)) {
            int space = line.lastIndexOf(' ');
            long n = Long.parseLong(line.substring(space + 1));
            String[] frames = line.substring(0, space).split(";");
            total += n;
            self.merge(frames[frames.length - 1], n, Long::sum);
            for (String frame : new HashSet<>(List.of(frames))) {
                inclusive.merge(frame, n, Long::sum);
            }
        }
        StringBuilder text = new StringBuilder(title).append("\n").append(total)
                .append(" CPU-time samples (async-profiler itimer; the kernel's timer resolution sets the interval)\n\n");
        text.append("own time:\n");
        append(text, self, total, 30);
        text.append("\nby part (a sample counts once for a part when any frame of its stack matches):\n");
        for (Map.Entry<String, Pattern> part : PARTS.entrySet()) {
            long n = 0;
            for (String line : Files.readAllLines(collapsed)) {
                int space = line.lastIndexOf(' ');
                if (part.getValue().matcher(line.substring(0, space)).find()) {
                    n += Long.parseLong(line.substring(space + 1));
                }
            }
            if (n > 0) {
                text.append("%6.1f %%  %s%n".formatted(100.0 * n / total, part.getKey()));
            }
        }
        text.append("\nincluding callees:\n");
        append(text, inclusive, total, 60);
        return text.toString();
    }

    /** The parts of a profile the analysis (bench/ANALYSIS.md) speaks of, by the frames that make them. */
    private static final Map<String, Pattern> PARTS = parts(
            "writing the HTTP answers", "Http1xServerResponse\\.end",
            "Twilio signature", "TwilioSignature",
            "form parsing", "FormBody",
            "normalisation of a WhatsApp webhook", "WhatsAppInbound",
            "SmallRye Reactive Messaging's emitter pipeline", "EmitterImpl",
            "Kafka producer send (its sending thread)", "ReactiveKafkaProducer",
            "event JSON", "EventSerializer|EventJson",
            "Kafka producer network thread", "Sender\\.run",
            "young collections", "DefNewGeneration|GenCollectForAllocation",
            "class loading and definition", "ClassLoader\\.defineClass|RunnerClassLoader\\.loadClass",
            "Hibernate ORM boot", "createEntityManagerFactory|PersistenceUnitsHolder",
            "Flyway", "Flyway",
            "C1 compiler", "Compilation::Compilation",
            "C2 compiler", "C2Compiler",
            "4biz client", "FourBizClient");

    private static Map<String, Pattern> parts(String... nameAndRegex) {
        Map<String, Pattern> parts = new LinkedHashMap<>();
        for (int i = 0; i < nameAndRegex.length; i += 2) {
            parts.put(nameAndRegex[i], Pattern.compile("(^|;)[^;]*(" + nameAndRegex[i + 1] + ")"));
        }
        return parts;
    }

    private static void append(StringBuilder text, Map<String, Long> counts, long total, int limit) {
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(limit).forEach(e -> text.append("%6.1f %%  %s%n".formatted(100.0 * e.getValue() / total,
                        e.getKey())));
    }

    private void converter(String... args) {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", library("jfr-converter").toString()));
        command.addAll(List.of(args));
        exec(command, Duration.ofMinutes(2));
    }

    /** A PNG of the flame graph as a browser draws it (headless Chromium); skipped when none is installed. */
    private void screenshot(Path html, Path png) {
        for (String browser : List.of("chromium", "chromium-browser", "google-chrome")) {
            try {
                exec(List.of(browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                        "--window-size=1800,1400", "--screenshot=" + png, html.toUri().toString()),
                        Duration.ofMinutes(1));
                return;
            } catch (UncheckedIOException e) {
                // try the next name
            }
        }
        Progress.say("profile: no Chromium here, %s not drawn (the HTML flame graph is there)", png);
    }

    private static void exec(List<String> command, Duration timeout) {
        if (Commands.run(null, timeout, ProcessBuilder.Redirect.DISCARD, command) != 0) {
            throw new IllegalStateException(command.get(0) + " failed: " + command);
        }
    }

    /** The agent's native library, taken out of the async-profiler jar on the bench's class path. */
    private Path agent() throws IOException {
        Path so = system.root.resolve("bench/target/profiler/libasyncProfiler.so");
        if (!Files.exists(so)) {
            Files.createDirectories(so.getParent());
            try (InputStream in = Profiles.class.getResourceAsStream("/linux-x64/libasyncProfiler.so")) {
                if (in == null) {
                    throw new IllegalStateException("async-profiler's linux-x64 library is not on the class path");
                }
                Files.copy(in, so, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return so;
    }

    private Path library(String artifact) {
        try (var files = Files.list(system.root.resolve("bench/target/lib"))) {
            return files.filter(f -> f.getFileName().toString().startsWith(artifact + "-")).findFirst()
                    .orElseThrow(() -> new IllegalStateException(artifact + " is not in bench/target/lib"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
