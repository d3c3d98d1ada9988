package omnichannel.bench;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * P6: {@code ./mvnw verify} (CI's command, {@code .ci/run}) on a fresh clone of this repository's HEAD, timed, with
 * the Maven cache as this machine has it. Baseline, same run and clone: {@code ./mvnw -DskipTests package} after a
 * clean, i.e. what the build costs without a single test. Runs alone (before the benchmarks' system starts: the tests
 * start their own servers, and anything else on the two cores would slow them).
 */
final class VerifyTime {

    static final Duration BAR = Duration.ofMinutes(15);
    private static final Redirect DISCARD = Redirect.DISCARD;

    private final Path root;

    VerifyTime(Path root) {
        this.root = root;
    }

    Result run() throws IOException {
        Path clone = Files.createTempDirectory("omnichannel-verify-");
        try {
            Commands.run(root, Duration.ofMinutes(5), DISCARD, List.of("git", "clone", "--quiet", root.toString(),
                    clone.toString()));
            String commit = Commands.output(clone, Duration.ofMinutes(1), List.of("git", "rev-parse", "--short", "HEAD"))
                    .output().strip();
            Redirect log = Redirect.appendTo(clone.resolveSibling(clone.getFileName() + ".log").toFile());
            Progress.say("P6: .ci/run (./mvnw verify) on a fresh clone of %s, %s (output in %s.log)", commit, clone,
                    clone);
            Run verify = timed(clone, Duration.ofMinutes(90), log, clone.resolve(".ci/run").toString());
            Progress.say("P6: verify %s after %.1f min", verify.exit() == 0 ? "passed" : "FAILED", verify.minutes());
            Run packageOnly = timed(clone, Duration.ofMinutes(30), log, "./mvnw", "-B", "-ntp", "-q", "clean", "package",
                    "-DskipTests");
            Progress.say("P6 baseline: clean package without tests %.1f min", packageOnly.minutes());
            Map<String, Object> raw = Result.numbers();
            raw.put("commit", commit);
            raw.put("verifyMinutes", verify.minutes());
            raw.put("verifyExit", verify.exit());
            raw.put("packageWithoutTestsMinutes", packageOnly.minutes());
            String chart = Charts.bars(root, "p6-verify.png",
                    "P6: ./mvnw verify on a fresh clone (bar " + BAR.toMinutes() + " min)",
                    "minutes", List.of("clean package, no tests", "verify (CI)"),
                    Map.of("minutes", List.of(packageOnly.minutes(), verify.minutes())));
            return new Result("P6", "./mvnw verify, everything included (CI's .ci/run)",
                    "≤ " + BAR.toMinutes() + " minutes on this machine",
                    "%.1f min, %s (commit %s)".formatted(verify.minutes(), verify.exit() == 0 ? "passed" : "FAILED",
                            commit),
                    "clean package without tests: %.1f min".formatted(packageOnly.minutes()),
                    "%.1f× the build without tests".formatted(verify.minutes() / packageOnly.minutes()),
                    verify.exit() == 0 && verify.minutes() <= BAR.toMinutes(),
                    "`./run-bench.sh P6` (not part of the default run: it takes the machine for about 25 minutes): a fresh "
                            + "clone of HEAD, `.ci/run` timed from start to end, then `./mvnw clean package "
                            + "-DskipTests` in the same clone as the baseline; Maven's cache as this machine has it.",
                    raw, List.of(chart));
        } finally {
            Commands.run(root, Duration.ofMinutes(2), DISCARD, List.of("rm", "-rf", clone.toString()));
        }
    }

    private record Run(int exit, double minutes) {
    }

    private static Run timed(Path directory, Duration timeout, Redirect log, String... command) {
        long start = System.nanoTime();
        int exit = Commands.run(directory, timeout, log, List.of(command));
        return new Run(exit, (System.nanoTime() - start) / 60e9);
    }
}
