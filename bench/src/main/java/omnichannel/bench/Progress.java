package omnichannel.bench;

import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Console output of a long run: what is happening, every few seconds. */
final class Progress {

    private Progress() {
    }

    static void say(String format, Object... args) {
        System.out.println("[" + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "] " + format.formatted(args));
        System.out.flush();
    }

    /** Waits until {@code done}, printing {@code status} every 5 s; fails after {@code timeout}. */
    static void await(String what, Duration timeout, BooleanSupplier done, Supplier<String> status) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long nextReport = System.nanoTime();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + ": not done after " + timeout + " (" + status.get() + ")");
            }
            if (System.nanoTime() >= nextReport) {
                say("  %s: %s", what, status.get());
                nextReport = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            }
            sleep(200);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
