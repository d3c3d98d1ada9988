package omnichannel.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The external programs the benchmarks run (wrk, the flame graph converter, Chromium, git, Maven), in one place. */
final class Commands {

    /** How a command ended: its exit status (-1 when it ran out of time) and, when captured, what it printed. */
    record Outcome(int exit, String output) {
    }

    private Commands() {
    }

    /** Runs {@code command} in {@code directory} (null: this one), its output (stderr too) sent to {@code output}. */
    static int run(Path directory, Duration timeout, Redirect output, List<String> command) {
        return start(directory, timeout, output, command).exit();
    }

    /** Runs {@code command} and returns what it printed (stderr too). */
    static Outcome output(Path directory, Duration timeout, List<String> command) {
        return start(directory, timeout, Redirect.PIPE, command);
    }

    private static Outcome start(Path directory, Duration timeout, Redirect output, List<String> command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output);
            if (directory != null) {
                builder.directory(directory.toFile());
            }
            Process p = builder.start();
            // a piped output is read to its end (wrk prints its result when it finishes), which also waits for it
            String printed = output == Redirect.PIPE
                    ? new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                    : "";
            if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Outcome(-1, printed);
            }
            return new Outcome(p.exitValue(), printed);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
