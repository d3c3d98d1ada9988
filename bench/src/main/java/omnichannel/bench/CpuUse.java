package omnichannel.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Where the machine's CPU went during a measurement, from /proc: the measured service's process, this benchmark's own
 * JVM (which hosts the Kafka broker), the programs it ran and waited for meanwhile (wrk), and the machine as a whole.
 * P1 is CPU-bound on two shared cores, so the CPU each request costs, process by process, says what limits the ratio
 * and what it would be with the broker on a machine of its own as in production.
 */
final class CpuUse {

    /** The machine's CPUs, read before any pinning (a pinned JVM sees only its own). */
    static final int CPUS = Runtime.getRuntime().availableProcessors();

    /** Linux's clock ticks per second for /proc's CPU times (USER_HZ, 100 on every mainstream kernel). */
    private static final double TICKS = 100.0;

    /** CPU seconds so far: the service, this JVM itself, this JVM's waited-for children, and the machine's busy time. */
    record Sample(long nanos, double service, double self, double children, double machineBusy) {
    }

    /** Cores used between two samples, by whom. */
    record Cores(double service, double broker, double generator, double machineBusy, int machineCores) {

        Map<String, Object> raw() {
            Map<String, Object> m = Result.numbers();
            m.put("serviceCores", round(service));
            m.put("benchJvmCores", round(broker));
            m.put("generatorCores", round(generator));
            m.put("machineBusyCores", round(machineBusy));
            m.put("machineCores", machineCores);
            return m;
        }

        private static double round(double cores) {
            return Math.round(cores * 100) / 100.0;
        }
    }

    private CpuUse() {
    }

    /** Whether processes can be pinned to CPUs here ({@code taskset}, util-linux) and there are CPUs to split. */
    static boolean canPin() {
        try {
            return CPUS >= 2 && Commands.output(null, Duration.ofSeconds(10), List.of("taskset", "-V")).exit() == 0;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    /**
     * Runs {@code work} with the process {@code pid} alone on the machine's last CPU, and this JVM (which hosts the
     * Kafka broker) with what it starts meanwhile (wrk) on the others: what an endpoint does with a core of its own
     * and the broker elsewhere, as in production. Every thread's affinity is restored after.
     */
    static <T> T alone(long pid, Supplier<T> work) {
        long self = ProcessHandle.current().pid();
        String all = "0-" + (CPUS - 1);
        taskset(pid, Integer.toString(CPUS - 1));
        try {
            taskset(self, CPUS == 2 ? "0" : "0-" + (CPUS - 2));
            try {
                return work.get();
            } finally {
                taskset(self, all);
            }
        } finally {
            taskset(pid, all);
        }
    }

    private static void taskset(long pid, String cpus) {
        if (Commands.run(null, Duration.ofSeconds(10), ProcessBuilder.Redirect.DISCARD,
                List.of("taskset", "-a", "-p", "-c", cpus, Long.toString(pid))) != 0) {
            throw new IllegalStateException("taskset could not pin process " + pid + " to CPUs " + cpus);
        }
    }

    static Sample sample(long servicePid) {
        long[] service = times(Path.of("/proc/" + servicePid + "/stat"));
        long[] self = times(Path.of("/proc/self/stat"));
        String[] cpu = firstLine(Path.of("/proc/stat")).trim().split("\\s+");
        // cpu user nice system idle iowait irq softirq steal ...: idle and iowait are the time nobody used (steal, the
        // hypervisor's, counts as busy: 0.03 % of this machine's time)
        double all = 0;
        for (int i = 1; i < Math.min(cpu.length, 9); i++) {
            all += Long.parseLong(cpu[i]);
        }
        double idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
        return new Sample(System.nanoTime(), (service[0] + service[1]) / TICKS, (self[0] + self[1]) / TICKS,
                (self[2] + self[3]) / TICKS, (all - idle) / TICKS);
    }

    static Cores between(Sample before, Sample after) {
        double seconds = (after.nanos() - before.nanos()) / 1e9;
        return new Cores((after.service() - before.service()) / seconds, (after.self() - before.self()) / seconds,
                (after.children() - before.children()) / seconds,
                (after.machineBusy() - before.machineBusy()) / seconds, CPUS);
    }

    /** utime, stime, cutime, cstime: fields 14 to 17, counted after the command name's closing parenthesis. */
    private static long[] times(Path stat) {
        String line = firstLine(stat);
        String[] f = line.substring(line.lastIndexOf(')') + 2).split(" ");
        // f[0] is field 3 (state), so field n is f[n - 3]
        return new long[]{Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]), Long.parseLong(f[14])};
    }

    private static String firstLine(Path file) {
        try (var lines = Files.lines(file)) {
            return lines.findFirst().orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
