package omnichannel.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The alerts are evaluated, not only rendered: promtool (Prometheus's own tool, from Debian's prometheus package, which
 * the build installs) checks deploy/base/alerts.yaml's rules and runs src/test/resources/alerts-test.yaml, where each
 * alert meets series that must fire it and series that must not.
 */
class AlertRulesTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void everyAlertFiresOnItsSeriesAndOnlyOnThem() throws Exception {
        Path dir = Files.createDirectories(ManifestsTest.ROOT.resolve("deploy/target/alert-rules"));
        JsonNode rule = YAML.readTree(Files.readString(ManifestsTest.ROOT.resolve("deploy/base/alerts.yaml")));
        YAML.writeValue(dir.resolve("alerts-rules.yaml").toFile(), Map.of("groups", rule.path("spec").path("groups")));
        Files.copy(ManifestsTest.ROOT.resolve("deploy/src/test/resources/alerts-test.yaml"),
                dir.resolve("alerts-test.yaml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertThat(promtool(dir, "check", "rules", "alerts-rules.yaml")).contains("SUCCESS");
        assertThat(promtool(dir, "test", "rules", "alerts-test.yaml")).contains("SUCCESS");
        // every alert of the rules has a test
        String tests = Files.readString(dir.resolve("alerts-test.yaml"));
        rule.path("spec").path("groups").forEach(group -> group.path("rules").forEach(r -> assertThat(tests)
                .as("a test of " + r.path("alert").asText()).contains("alertname: " + r.path("alert").asText())));
    }

    private static String promtool(Path dir, String... arguments) throws IOException, InterruptedException {
        String[] command = new String[arguments.length + 1];
        command[0] = "promtool";
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ":\n" + output).isZero();
        return output;
    }
}
