package omnichannel.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** One packaged Quarkus service ({@code <module>/target/quarkus-app/quarkus-run.jar}) running as its own process. */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;
    private final ProcessBuilder builder;
    private final long startedNanos = System.nanoTime();
    private volatile Duration readyAfter;

    private ServiceProcess(String name, int port, Process process, Path log, ProcessBuilder builder) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
        this.builder = builder;
    }

    /**
     * Starts the module's packaged application with {@code env} added to this process's environment, its output in
     * {@code logDir/<module>.log}.
     */
    public static ServiceProcess start(Path repoRoot, String module, int port, Map<String, String> env, Path logDir) {
        Path jar = repoRoot.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (./mvnw -DskipTests package)");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions(module));
        // what a run adds to the production options (the system tests: the C1 compiler only, P6; benchmarks: none)
        String extra = System.getProperty(EXTRA_JVM_OPTIONS, "").strip();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        // platform's HttpRefusals answers malformed URIs with a problem body instead of Quarkus's empty 400
        command.add("-Dvertx.disableURIValidation=true");
        command.add("-jar");
        command.add(jar.toString());
        try {
            Files.createDirectories(logDir);
            Path log = logDir.resolve(module + ".log");
            // a restarted process appends to the same log
            Files.deleteIfExists(log);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(NATIVE_ENVIRONMENT);
            builder.environment().putAll(env);
            builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
            return new ServiceProcess(module, port, builder.start(), log, builder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + module, e);
        }
    }

    /**
     * Services whose work is not a hot path (the admin API, sends held to each sender's rate): the C1 compiler only
     * and a smaller young generation, for start time and memory (P5).
     */
    private static final Set<String> QUICK_START = Set.of("config-service", "channel-whatsapp",
            "channel-twitter");

    /**
     * The JVM options every service runs with here and in deploy/ (P5, measured under load; BENCHMARKS.md): a 128 MB
     * heap that starts small (the default initial heap, 1/64 of the machine's memory, committed all of it at start:
     * 258 MB RSS after load), a fixed young generation (one sized from a 32 MB start made collections 18 % of the
     * gateway's CPU under wrk), the serial collector (one or two cores per pod). The hot paths (gateway, bridge) keep
     * C2 and a 32 MB young generation; the gateway's heap is capped at 96 MB (its live set is small, and at 128 MB
     * the old generation an overload had touched left it at 266 MB RSS after P1).
     */
    /**
     * The C library's settings every service runs with here and in deploy/: two malloc arenas instead of glibc's
     * default of eight per core, each touched by some thread and kept (P5's RSS after load).
     */
    public static final Map<String, String> NATIVE_ENVIRONMENT = Map.of("MALLOC_ARENA_MAX", "2");

    /** A system property: JVM options every service of this run gets after {@link #jvmOptions}. */
    public static final String EXTRA_JVM_OPTIONS = "omnichannel.services.extra-jvm-options";

    public static List<String> jvmOptions(String module) {
        if (QUICK_START.contains(module)) {
            return List.of("-Xms32m", "-Xmn16m", "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
        }
        return List.of("-Xms48m", "-Xmn32m", module.equals("webhook-gateway") ? "-Xmx96m" : "-Xmx128m",
                "-XX:+UseSerialGC");
    }

    /** Waits until {@code /q/health/ready} answers 200; fails early if the process died. */
    public void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ", see " + log);
            }
            try {
                if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    readyAfter = Duration.ofNanos(System.nanoTime() - startedNanos);
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
            pause();
        }
        throw new IllegalStateException(name + " not ready after " + timeout + ", see " + log);
    }

    /** From the process start to the first 200 of /q/health/ready (50 ms resolution); null before. */
    public Duration readyAfter() {
        return readyAfter;
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public String name() {
        return name;
    }

    /** The service's log file. */
    public Path log() {
        return log;
    }

    /** The operating system's process id (to read its resident memory). */
    public long pid() {
        return process.pid();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** SIGKILL: the process gets no chance to finish anything (no offset commit, no graceful shutdown). */
    public void kill() {
        try {
            process.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The same command started again, after this process ended. */
    public ServiceProcess restarted() {
        return restarted(Map.of());
    }

    /** The same command started again with some environment variables changed, after this process ended. */
    public ServiceProcess restarted(Map<String, String> changedEnv) {
        if (process.isAlive()) {
            throw new IllegalStateException(name + " is still running");
        }
        builder.environment().putAll(changedEnv);
        try {
            return new ServiceProcess(name, port, builder.start(), log, builder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restart " + name, e);
        }
    }

    /**
     * A second process of the same module and environment on another port, its output in
     * {@code <module>-<suffix>.log}: a replica, as Kubernetes runs several.
     */
    public ServiceProcess replica(int replicaPort, String suffix) {
        ProcessBuilder copy = new ProcessBuilder(builder.command()).redirectErrorStream(true);
        copy.environment().clear();
        copy.environment().putAll(builder.environment());
        copy.environment().put("QUARKUS_HTTP_PORT", Integer.toString(replicaPort));
        Path replicaLog = log.resolveSibling(name + "-" + suffix + ".log");
        copy.redirectOutput(ProcessBuilder.Redirect.appendTo(replicaLog.toFile()));
        try {
            return new ServiceProcess(name + "-" + suffix, replicaPort, copy.start(), replicaLog, copy);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a replica of " + name, e);
        }
    }

    /** SIGTERM, so Quarkus shuts down gracefully (commits offsets, closes pools); SIGKILL after 20 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
