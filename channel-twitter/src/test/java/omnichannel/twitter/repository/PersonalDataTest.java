package omnichannel.twitter.repository;

import static io.restassured.RestAssured.given;
import static omnichannel.twitter.TwitterKafka.deliveries;
import static omnichannel.twitter.TwitterKafka.outbound;
import static omnichannel.twitter.TwitterKafka.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
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

import omnichannel.events.OutboundMessage;
import omnichannel.simulators.identity.Tokens;
import omnichannel.testing.KafkaTestResource;
import omnichannel.testing.OidcTestResource;
import omnichannel.testing.PostgresTestResource;
import omnichannel.testing.SharedInfrastructure;
import omnichannel.twitter.XStub;

/** The DMs sent to a person: exported, then anonymised by an erasure; old ones purged by the retention rule. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "twitter"))
@QuarkusTestResource(OidcTestResource.class)
@QuarkusTestResource(XStub.class)
class PersonalDataTest {

    @Inject
    TwitterPersonalDataStore data;

    @Test
    void aPersonsDmsAreExportedThenAnonymisedSoNoTableNamesThemAndARedeliveryIsStillNotSent() {
        OutboundMessage dm = outbound(XStub.ERASED_PERSON, "Seu chamado 4521 foi aberto");
        publish(dm);
        await().atMost(Duration.ofSeconds(20)).until(() -> !deliveries(dm).isEmpty());
        String person = "{\"twitter\":[\"" + XStub.ERASED_PERSON + "\"]}";

        given().auth().oauth2(Tokens.shared().admin()).contentType(ContentType.JSON).body(person)
                .post("/api/v1/privacy/export").then().statusCode(403);
        given().auth().oauth2(Tokens.shared().service(Tokens.PRIVACY)).contentType(ContentType.JSON).body(person)
                .post("/api/v1/privacy/export").then().statusCode(200)
                .body("tables.sent_dm.recipient", contains(XStub.ERASED_PERSON))
                .body("tables.sent_dm.event_id", contains(dm.eventId().toString()));
        given().auth().oauth2(Tokens.shared().service(Tokens.PRIVACY)).contentType(ContentType.JSON).body(person)
                .post("/api/v1/privacy/erasure").then().statusCode(200).body("erased.sent_dm", equalTo(1));

        assertThat(SharedInfrastructure.postgres().dump("twitter")).doesNotContain(XStub.ERASED_PERSON)
                .contains(dm.eventId().toString());
        publish(dm);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(22)).until(() -> XStub.server.findAll(
                com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/2/dm_conversations/with/"
                                + XStub.ERASED_PERSON + "/messages")))
                .size() == 1);
    }

    @Test
    void theRetentionPurgeDeletesDmRecordsOlderThanThePeriod() {
        SharedInfrastructure.postgres().query("twitter", connection -> {
            try (var statement = connection.createStatement()) {
                statement.execute("insert into sent_dm (event_id, interaction_id, recipient, status, created_at, updated_at) "
                        + "values ('00000000-0000-4000-8000-000000000181', 'x-webhook', 'retention-due-4781', 'SENT', "
                        + "now() - interval '181 days', now() - interval '181 days'), "
                        + "('00000000-0000-4000-8000-000000000179', 'x-webhook', 'retention-kept-4779', 'SENT', "
                        + "now() - interval '179 days', now() - interval '179 days')");
            }
            return null;
        });

        Map<String, Integer> deleted = data.purge(Duration.ofDays(180)).await().atMost(Duration.ofSeconds(10));

        assertThat(deleted.get("sent_dm")).isEqualTo(1);
        assertThat(SharedInfrastructure.postgres().dump("twitter")).doesNotContain("retention-due-4781")
                .contains("retention-kept-4779"); // not bare digits: a timestamp or an id of another test may hold them
    }
}
