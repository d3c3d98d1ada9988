package omnichannel.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The dashboard's and the alerts' queries name only metrics the services export: every metric name in deploy/'s
 * dashboard and alert rules is in the scrapes of /q/metrics the systems kept when they closed (after the system tests
 * gave them traffic: {@link AfterTheSystemTests}), but for {@code up}, which Prometheus makes itself.
 */
class DashboardMetricsTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> PROMQL_WORDS = Set.of("sum", "max", "min", "avg", "count", "rate", "irate",
            "increase", "histogram_quantile", "and", "or", "unless", "bool", "offset", "topk", "bottomk", "abs",
            "clamp_min", "clamp_max", "delta", "deriv", "max_over_time", "min_over_time", "avg_over_time", "time",
            "vector", "label_replace", "absent", "on", "ignoring", "group_left", "group_right");

    @Test
    void everyMetricTheDashboardAndTheAlertsQueryIsExported() throws Exception {
        Path root = Path.of(System.getProperty("omnichannel.root", ".."));
        List<String> expressions = new ArrayList<>();
        JsonNode dashboard = YAML.readTree(Files.readString(root.resolve("deploy/base/dashboard.yaml")));
        dashboard.path("data").forEach(json -> {
            try {
                JSON.readTree(json.asText()).findValues("expr").forEach(expr -> expressions.add(expr.asText()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        YAML.readTree(Files.readString(root.resolve("deploy/base/alerts.yaml"))).path("spec").path("groups")
                .forEach(group -> group.path("rules").forEach(rule -> expressions.add(rule.path("expr").asText())));
        Set<String> queried = new TreeSet<>();
        expressions.forEach(expr -> queried.addAll(metricNames(expr)));
        queried.remove("up");
        assertThat(queried).as("metric names found in the queries").hasSizeGreaterThan(8);

        StringBuilder scraped = new StringBuilder();
        List<Path> scrapes = AfterTheSystemTests.files("metric scrapes", path -> path.startsWith("metrics"));
        for (String service : SharedSystem.SERVICES) {
            assertThat(scrapes).as(service + "'s metrics")
                    .anySatisfy(file -> assertThat(file.getFileName()).hasToString(service + ".prom"));
        }
        for (Path scrape : scrapes) {
            scraped.append(Files.readString(scrape)).append('\n');
        }
        String all = scraped.toString();
        assertThat(queried).allSatisfy(name -> assertThat(Pattern.compile("(?m)^" + Pattern.quote(name) + "[{ ]")
                .matcher(all).find()).as(name + " is exported by some service").isTrue());
    }

    /** The metric names in a PromQL expression: identifiers outside label sets, ranges, strings and by/without. */
    static Set<String> metricNames(String expr) {
        String bare = expr.replaceAll("\"(\\\\.|[^\"])*\"", "").replaceAll("\\{[^}]*}", "").replaceAll("\\[[^]]*]", "")
                .replaceAll("(by|without)\\s*\\([^)]*\\)", "");
        Set<String> names = new TreeSet<>();
        Matcher identifiers = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*").matcher(bare);
        while (identifiers.find()) {
            if (!PROMQL_WORDS.contains(identifiers.group())) {
                names.add(identifiers.group());
            }
        }
        return names;
    }
}
