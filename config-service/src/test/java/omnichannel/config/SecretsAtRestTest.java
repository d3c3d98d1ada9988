package omnichannel.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import omnichannel.events.Topics;
import omnichannel.infra.KafkaRecords;
import omnichannel.testing.SharedInfrastructure;

/** S1, S2: no provider secret in the database, the logs (DEBUG included), the events or the answers. */
@QuarkusTest
@TestProfile(SecretsAtRestTest.DebugLogs.class)
class SecretsAtRestTest extends ConfigServiceTest {

    static final Path LOG = Path.of("target/secrets-debug.log");

    /**
     * Everything at DEBUG, into a file the test reads; the console stays at INFO. The Kafka broker that runs inside
     * this test JVM (packages {@code kafka} and {@code org.apache.kafka}) is test infrastructure and stays at INFO:
     * at DEBUG it logs every request it serves, which is noise, not the service.
     */
    public static class DebugLogs implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.log.level", "DEBUG", "quarkus.log.min-level", "DEBUG",
                    "quarkus.log.file.enabled", "true", "quarkus.log.file.path", LOG.toString(),
                    "quarkus.log.file.level", "DEBUG", "quarkus.log.console.level", "INFO",
                    "quarkus.log.category.\"kafka\".level", "INFO",
                    "quarkus.log.category.\"org.apache.kafka\".level", "INFO");
        }
    }

    /**
     * The service's log lines. The test's own HTTP client (REST Assured's Apache client, logger {@code org.apache.http},
     * abbreviated {@code org.apa.htt}) shares this JVM's logging and dumps the requests the test sends: not the service.
     */
    static String serviceLog() throws IOException {
        return Files.readAllLines(LOG).stream().filter(line -> !line.contains("[org.apa.htt."))
                .collect(java.util.stream.Collectors.joining("\n"));
    }

    @Test
    void noSecretInTheDatabaseTheLogsTheEventsOrTheAnswers() throws IOException {
        String whatsapp = create(whatsappBody("Segredos"));
        String twitter = create(twitterBody("Segredos X"));
        String reread = admin().get("/api/v1/interactions/" + whatsapp).asString()
                + admin().get("/api/v1/interactions/" + twitter).asString()
                + admin().get("/api/v1/interactions").asString()
                + admin().get("/api/v1/interactions/" + twitter + "/audit").asString();
        service().get("/internal/v1/interactions/" + whatsapp).then().statusCode(200);

        String dump = SharedInfrastructure.postgres().query("config", connection -> {
            StringBuilder all = new StringBuilder();
            for (String table : List.of("interaction", "interaction_audit", "system_parameter", "outbox")) {
                try (ResultSet rs = connection.createStatement().executeQuery("select t::text from " + table + " t")) {
                    while (rs.next()) {
                        all.append(rs.getString(1)).append('\n');
                    }
                }
            }
            return all.toString();
        });
        String events = String.join("\n", KafkaRecords.read(SharedInfrastructure.kafka().bootstrapServers(),
                Topics.INTERACTIONS, record -> record.key().equals(whatsapp) || record.key().equals(twitter),
                Duration.ofSeconds(3)).stream().map(r -> r.value()).toList());

        assertThat(dump).contains(whatsapp).contains("v1:");
        assertThat(events).contains(whatsapp).contains(twitter);
        for (String secret : List.of(AUTH_TOKEN, API_SECRET, ACCESS_TOKEN, ACCESS_SECRET)) {
            assertThat(dump).doesNotContain(secret);
            assertThat(events).doesNotContain(secret);
            assertThat(reread).doesNotContain(secret);
            assertThat(serviceLog()).doesNotContain(secret);
        }
        assertThat(serviceLog()).contains("DEBUG [io.qua.oid");
    }
}
