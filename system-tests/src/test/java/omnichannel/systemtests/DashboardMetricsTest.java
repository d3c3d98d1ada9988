package omnichannel.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

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

import omnichannel.system.HttpJson;
import omnichannel.system.RunningSystem;

/**
 * The dashboard's and the alerts' queries name only metrics the services export: every metric name in deploy/'s
 * dashboard and alert rules is in a scrape of the running system's /q/metrics (after the other system tests gave it
 * traffic), but for {@code up}, which Prometheus makes itself.
 */
class DashboardMetricsTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> PROMQL_WORDS = Set.of("sum", "max", "min", "avg", "count", "rate", "irate",
            "increase", "histogram_quantile", "and", "or", "unless", "bool", "offset", "topk", "bottomk", "abs",
            "clamp_min", "clamp_max", "delta", "deriv", "max_over_time", "min_over_time", "avg_over_time", "time",
            "vector", "label_replace", "absent", "on", "ignoring", "group_left", "group_right");
    private static final List<String> SERVICES = List.of("config-service", "webhook-gateway", "ticket-bridge",
            "channel-whatsapp", "channel-twitter");

    @Test
    void everyMetricTheDashboardAndTheAlertsQueryIsExported() throws Exception {
        RunningSystem system = SharedSystem.get();
        Path root = Path.of(System.getProperty("omnichannel.root", ".."));
        List<String> expressions = new ArrayList<>();
        JsonNode dashboard = YAML.readTree(Files.readString(root.resolve("deploy/base/dashboard.yaml")));
        dashboard.path("data").forEach(json -> {
            try {
                JSON.readTree(json.asText()).findValues("expr").forEach(expr -> expressions.add(expr.asText()));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        YAML.readTree(Files.readString(root.resolve("deploy/base/alerts.yaml"))).path("spec").path("groups")
                .forEach(group -> group.path("rules").forEach(rule -> expressions.add(rule.path("expr").asText())));
        Set<String> queried = new TreeSet<>();
        expressions.forEach(expr -> queried.addAll(metricNames(expr)));
        queried.remove("up");
        assertThat(queried).as("metric names found in the queries").hasSizeGreaterThan(8);

        StringBuilder scraped = new StringBuilder();
        for (String service : SERVICES) {
            HttpJson.Reply metrics = HttpJson.get(system.stack().service(service).baseUrl() + "/q/metrics");
            assertThat(metrics.status()).as(service).isEqualTo(200);
            scraped.append(metrics.body()).append('\n');
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
