package omnichannel.whatsapp.repository;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import omnichannel.simulators.identity.Tokens;
import omnichannel.testing.KafkaTestResource;
import omnichannel.testing.OidcTestResource;
import omnichannel.testing.PostgresTestResource;
import omnichannel.testing.SharedInfrastructure;
import omnichannel.whatsapp.ProvidersStub;

/**
 * The messages sent to a person's number and their status history: exported, then erased (the history deleted, the send
 * record anonymised so the event is still not sent twice); and the retention purge of what is past the period.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "whatsapp"))
@QuarkusTestResource(OidcTestResource.class)
@QuarkusTestResource(ProvidersStub.class)
class PersonalDataTest {

    @Inject
    WhatsAppPersonalDataStore data;

    @Test
    void aPersonsSendsAreExportedThenErasedSoNoTableNamesThem() {
        insert("00000000-0000-4000-8000-0000000000e1", "+5511912348801", "SMerased00000000000000000000000001", "0 days",
                "Ana Apagada");
        String person = "{\"whatsapp\":[\"+5511912348801\"]}";

        given().auth().oauth2(Tokens.shared().admin()).contentType(ContentType.JSON).body(person)
                .post("/api/v1/privacy/erasure").then().statusCode(403);
        given().auth().oauth2(Tokens.shared().service(Tokens.PRIVACY)).contentType(ContentType.JSON).body(person)
                .post("/api/v1/privacy/export").then().statusCode(200)
                .body("tables.sent_message.recipient", contains("+5511912348801"))
                .body("tables.message_status.status", contains("SENT", "DELIVERED"));
        given().auth().oauth2(Tokens.shared().service(Tokens.PRIVACY)).contentType(ContentType.JSON).body(person)
                .post("/api/v1/privacy/erasure").then().statusCode(200)
                .body("erased.sent_message", equalTo(1)).body("erased.message_status", equalTo(2));

        String dump = SharedInfrastructure.postgres().dump("whatsapp");
        assertThat(dump).doesNotContain("912348801").doesNotContain("SMerased").doesNotContain("Ana Apagada")
                .contains("00000000-0000-4000-8000-0000000000e1");
    }

    @Test
    void theRetentionPurgeDeletesSendsAndStatusesOlderThanThePeriod() {
        insert("00000000-0000-4000-8000-0000000000f1", "+5511912348881", "SMold0000000000000000000000000001", "181 days",
                "Rui Antigo");
        insert("00000000-0000-4000-8000-0000000000f2", "+5511912348882", "SMnew0000000000000000000000000001", "179 days",
                "Rui Recente");

        Map<String, Integer> deleted = data.purge(Duration.ofDays(180)).await().atMost(Duration.ofSeconds(10));

        assertThat(deleted).containsEntry("sent_message", 1).containsEntry("message_status", 2);
        assertThat(SharedInfrastructure.postgres().dump("whatsapp")).doesNotContain("912348881").doesNotContain("Rui Antigo")
                .doesNotContain("SMold")
                .contains("912348882").contains("SMnew");
    }

    /** A send to {@code recipient} {@code age} ago, with the person's name in its variables and two statuses. */
    private static void insert(String eventId, String recipient, String sid, String age, String name) {
        SharedInfrastructure.postgres().query("whatsapp", connection -> {
            try (var statement = connection.createStatement()) {
                statement.execute("insert into sent_message (event_id, interaction_id, recipient, provider_message_id, "
                        + "status, template_variables, created_at, updated_at) values ('" + eventId + "', 'wa-1', '"
                        + recipient + "', '" + sid + "', 'DELIVERED', '{\"1\":\"" + name + "\"}', now() - interval '" + age
                        + "', now() - interval '" + age + "')");
                statement.execute("insert into message_status (provider_message_id, status, received_at) values ('" + sid
                        + "', 'SENT', now() - interval '" + age + "'), ('" + sid + "', 'DELIVERED', now() - interval '"
                        + age + "')");
            }
            return null;
        });
    }
}
