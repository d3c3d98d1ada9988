package omnichannel.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives {@code wrk} (the Debian package; an independent, C, closed-loop HTTP load generator) for P1's throughput
 * figures: the same prepared requests as the in-house generator, cycled by a generated Lua script, so that the
 * throughput of the gateway and of the bare endpoint is measured by a tool that is known not to be the bottleneck.
 */
final class Wrk {

    /** One wrk run: what it counted. */
    record Run(String target, int connections, long requests, double seconds, long errors, double p50ms, double p99ms,
            CpuUse.Cores cpu) {

        double perSecond() {
            return requests / seconds;
        }

        /** CPU microseconds one request cost in the target's process. */
        double serviceMicrosPerRequest() {
            return 1e6 * cpu.service() / perSecond();
        }

        /** CPU microseconds one request cost in this JVM (the Kafka broker: nothing else runs in it meanwhile). */
        double brokerMicrosPerRequest() {
            return 1e6 * cpu.broker() / perSecond();
        }

        Map<String, Object> raw() {
            Map<String, Object> m = Result.numbers();
            m.put("connections", connections);
            m.put("requests", requests);
            m.put("seconds", seconds);
            m.put("perSecond", Math.round(perSecond()));
            m.put("errors", errors);
            m.put("p50ms", p50ms);
            m.put("p99ms", p99ms);
            m.putAll(cpu.raw());
            m.put("serviceMicrosPerRequest", Math.round(serviceMicrosPerRequest() * 10) / 10.0);
            m.put("brokerMicrosPerRequest", Math.round(brokerMicrosPerRequest() * 10) / 10.0);
            return m;
        }

        @Override
        public String toString() {
            return ("%s, %d connections: %.0f requests/s, %d errors (non-2xx or socket), p50 %.1f ms, p99 %.1f ms; "
                    + "cores: %s %.2f, broker JVM %.2f, wrk %.2f, machine %.2f of %d").formatted(target, connections,
                            perSecond(), errors, p50ms, p99ms, target, cpu.service(), cpu.broker(), cpu.generator(),
                            cpu.machineBusy(), cpu.machineCores());
        }
    }

    private static final Pattern RESULT = Pattern.compile(
            "RESULT requests=(\\d+) duration_us=(\\d+) errors=(\\d+) p50_us=(\\d+) p99_us=(\\d+)");

    private Wrk() {
    }

    /** Whether {@code wrk} can be run here (run-bench.sh installs it where it can). */
    static boolean available() {
        try {
            return Commands.output(null, Duration.ofSeconds(10), List.of("wrk", "--version")).exit() >= 0;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    /**
     * Runs wrk (one thread: the machine has two cores to share) against {@code base} with these requests, counting the
     * CPU the process {@code targetPid} answering them used meanwhile.
     */
    static Run run(String target, long targetPid, URI base, List<OpenLoad.Request> requests, int connections,
            Duration duration) {
        try {
            Path script = Files.createTempFile("wrk-", ".lua");
            try {
                Files.writeString(script, script(requests), StandardCharsets.UTF_8);
                CpuUse.Sample before = CpuUse.sample(targetPid);
                String output = Commands.output(null, duration.plusMinutes(1), List.of("wrk", "-t1",
                        "-c" + connections, "-d" + duration.toSeconds() + "s", "--timeout", "5s", "-s",
                        script.toString(), base.toString())).output();
                // after wrk has exited and been waited for: its CPU time is then this JVM's children's
                CpuUse.Cores cpu = CpuUse.between(before, CpuUse.sample(targetPid));
                Matcher m = RESULT.matcher(output);
                if (!m.find()) {
                    throw new IllegalStateException("wrk gave no result:\n" + output);
                }
                return new Run(target, connections, Long.parseLong(m.group(1)), Long.parseLong(m.group(2)) / 1e6,
                        Long.parseLong(m.group(3)), Long.parseLong(m.group(4)) / 1000.0,
                        Long.parseLong(m.group(5)) / 1000.0, cpu);
            } finally {
                Files.deleteIfExists(script);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The requests as Lua data, formatted once per wrk thread in {@code init}, sent in turn; {@code done} prints the
     * counts in one line (non-2xx answers and socket errors together).
     */
    private static String script(List<OpenLoad.Request> requests) {
        StringBuilder lua = new StringBuilder("local prepared = {\n");
        for (OpenLoad.Request r : requests) {
            lua.append("  {path = [==[").append(r.path()).append("]==], headers = {");
            r.headers().forEach((name, value) -> lua.append("[ [==[").append(name).append("]==] ] = [==[").append(value)
                    .append("]==], "));
            lua.append("}, body = [==[").append(r.body().toString(StandardCharsets.UTF_8)).append("]==]},\n");
        }
        lua.append("""
                }
                local formatted = {}
                local next = 0
                function init(args)
                  for i, r in ipairs(prepared) do
                    formatted[i] = wrk.format("POST", r.path, r.headers, r.body)
                  end
                end
                function request()
                  next = next % #formatted + 1
                  return formatted[next]
                end
                function done(summary, latency, requests)
                  local e = summary.errors
                  io.write(string.format("RESULT requests=%d duration_us=%d errors=%d p50_us=%d p99_us=%d\\n",
                    summary.requests, summary.duration, e.status + e.connect + e.read + e.write + e.timeout,
                    latency:percentile(50), latency:percentile(99)))
                end
                """);
        return lua.toString();
    }
}
