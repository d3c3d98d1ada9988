package omnichannel.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * What the checks after the system tests read ({@link ZeroPeopleInLogsTest}, {@link DashboardMetricsTest}): the logs
 * and metrics each system left in {@code system-tests/target/service-logs-*} once it closed. Failsafe runs them in an
 * execution of their own, after the one that ran the systems; {@code -Dafter.checks.skip=true} leaves them out when
 * {@code -Dit.test} picks a single system test.
 */
final class AfterTheSystemTests {

    private AfterTheSystemTests() {
    }

    /**
     * The files of every system that {@code wanted} takes by their path in the system's directory
     * ({@code ticket-bridge.log}, {@code metrics/ticket-bridge.prom}); at least one.
     */
    static List<Path> files(String what, Predicate<Path> wanted) throws IOException {
        Path target = Path.of(System.getProperty("omnichannel.root", "..")).resolve("system-tests/target");
        List<Path> systems;
        try (Stream<Path> dirs = Files.list(target)) {
            systems = dirs.filter(dir -> dir.getFileName().toString().startsWith("service-logs-")).sorted().toList();
        }
        assertThat(systems).as("the systems the system tests left (run them first, or -Dafter.checks.skip=true)")
                .isNotEmpty();
        List<Path> found = new ArrayList<>();
        for (Path system : systems) {
            try (Stream<Path> files = Files.walk(system)) {
                files.filter(Files::isRegularFile).filter(file -> wanted.test(system.relativize(file))).sorted()
                        .forEach(found::add);
            }
        }
        assertThat(found).as(what + " the system tests left").isNotEmpty();
        return found;
    }
}
