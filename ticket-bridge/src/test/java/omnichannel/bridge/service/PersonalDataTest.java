package omnichannel.bridge.service;

import static io.restassured.RestAssured.given;
import static omnichannel.bridge.BridgeKafka.on;
import static omnichannel.bridge.BridgeKafka.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import omnichannel.bridge.FourBizStub;
import omnichannel.bridge.repository.BridgePersonalDataStore;
import omnichannel.events.Channel;
import omnichannel.events.Event;
import omnichannel.events.InboundMessage;
import omnichannel.events.Participant;
import omnichannel.events.Topics;
import omnichannel.simulators.identity.Tokens;
import omnichannel.testing.KafkaTestResource;
import omnichannel.testing.OidcTestResource;
import omnichannel.testing.PostgresTestResource;
import omnichannel.testing.SharedInfrastructure;

/**
 * A person's data in the bridge (LGPD): found from their requester login, exported whole, erased so that no table keeps
 * a trace of them; and the retention purge removes what is past the period and nothing else.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "bridge"))
@QuarkusTestResource(OidcTestResource.class)
@QuarkusTestResource(FourBizStub.class)
class PersonalDataTest {

    static final String PHONE = "+5511912349401";
    static final String NAME = "Beatriz Privada";
    static final String TEXT = "segredo-da-beatriz no terceiro andar";

    @Inject
    BridgePersonalDataStore data;

    @Test
    void aPersonFoundByTheirRequesterIsExportedThenErasedWithNoTraceInAnyTableOfTheBridge() {
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        Instant now = Instant.now();
        InboundMessage message = new InboundMessage(UUID.randomUUID(), Event.SCHEMA_VERSION, now, FourBizStub.INTERACTION,
                Channel.WHATSAPP_TWILIO, sid, sid, new Participant(PHONE, NAME, null, PHONE), "+5511999990000", TEXT,
                List.of(), null, null, null, false, false, now, Map.of());
        publish(message);
        await().atMost(Duration.ofSeconds(30)).until(() -> !on(Topics.OUTBOUND_WHATSAPP, sid).isEmpty());
        given().auth().oauth2(Tokens.shared().admin()).contentType(ContentType.JSON)
                .body("{\"requesterLogin\":\"beatriz.privada\"}").put("/api/v1/identities/WHATSAPP_TWILIO/" + PHONE)
                .then().statusCode(200);
        // the conversation is stored just after the acknowledgement is published; the person's text itself went to 4biz
        await().atMost(Duration.ofSeconds(10)).until(() -> SharedInfrastructure.postgres().dump("bridge"),
                dump -> dump.contains(NAME) && dump.contains(sid) && dump.contains("beatriz.privada"));

        given().auth().oauth2(Tokens.shared().admin()).contentType(ContentType.JSON)
                .body("{\"requester\":\"beatriz.privada\"}").post("/api/v1/privacy/identities").then().statusCode(403);
        String identities = given().auth().oauth2(Tokens.shared().service(Tokens.PRIVACY)).contentType(ContentType.JSON)
                .body("{\"requester\":\"beatriz.privada\"}").post("/api/v1/privacy/identities").then().statusCode(200)
                .extract().asString();
        assertThat(JsonPath.from(identities).getList("whatsapp", String.class)).containsExactly(PHONE);
        assertThat(JsonPath.from(identities).getList("requesters", String.class)).containsExactly("beatriz.privada");

        JsonPath export = given().auth().oauth2(Tokens.shared().service(Tokens.PRIVACY)).contentType(ContentType.JSON)
                .body(identities)
                .post("/api/v1/privacy/export").then().statusCode(200).extract().jsonPath();
        assertThat(export.getString("service")).isEqualTo("ticket-bridge");
        assertThat(export.getList("tables.conversation.display_name", String.class)).containsExactly(NAME);
        assertThat(export.getList("tables.sent_message.text", String.class)).isNotEmpty();
        assertThat(export.getList("tables.handled_message.provider_message_id", String.class)).contains(sid);
        assertThat(export.getList("tables.channel_identity.requester_login", String.class))
                .containsExactly("beatriz.privada");

        JsonPath erased = given().auth().oauth2(Tokens.shared().service(Tokens.PRIVACY)).contentType(ContentType.JSON)
                .body(identities)
                .post("/api/v1/privacy/erasure").then().statusCode(200).extract().jsonPath();
        assertThat(erased.getInt("erased.conversation")).isEqualTo(1);
        assertThat(erased.getInt("erased.channel_identity")).isEqualTo(1);
        assertThat(erased.getInt("erased.channel_identity_audit")).isEqualTo(1);
        assertThat(erased.getInt("erased.sent_message")).isPositive();
        assertThat(erased.getMap("tables")).as("an erasure returns no data").isEmpty();

        String dump = SharedInfrastructure.postgres().dump("bridge");
        assertThat(dump).isNotEmpty().doesNotContain("912349401").doesNotContain("Beatriz").doesNotContain("beatriz")
                .doesNotContain("segredo").doesNotContain(sid);
        // the admins' audit of links keeps its row, who changed it and when, the person replaced by a pseudonym
        String audit = SharedInfrastructure.postgres().query("bridge", connection -> {
            try (var rs = connection.createStatement().executeQuery(
                    "select actor, action, identity, requester_login from channel_identity_audit "
                            + "where identity like 'erased-%'")) {
                StringBuilder rows = new StringBuilder();
                while (rs.next()) {
                    rows.append(rs.getString(1)).append('|').append(rs.getString(2)).append('|')
                            .append(rs.getString(3)).append('|').append(rs.getString(4)).append('\n');
                }
                return rows.toString();
            }
        });
        assertThat(audit).contains("admin@omnichannel.local").matches("(?s).*\\|erased-[0-9a-f]{8}\\|erased-[0-9a-f]{8}\n.*");
        // erasing again finds nothing and changes nothing
        given().auth().oauth2(Tokens.shared().service(Tokens.PRIVACY)).contentType(ContentType.JSON).body(identities)
                .post("/api/v1/privacy/erasure").then().statusCode(200)
                .body("erased.conversation", org.hamcrest.Matchers.equalTo(0));
    }

    @Test
    void theRetentionPurgeRemovesWhatIsPastThePeriodAndKeepsTheRest() {
        String old = FourBizStub.INTERACTION + ":+5511900000777";
        String recent = FourBizStub.INTERACTION + ":+5511900000778";
        String open = FourBizStub.INTERACTION + ":+5511900000779";
        SharedInfrastructure.postgres().query("bridge", connection -> {
            try (var statement = connection.createStatement()) {
                for (String[] row : new String[][]{{old, "IDLE", "200"}, {recent, "IDLE", "10"}, {open, "TICKET", "200"}}) {
                    statement.execute("insert into conversation (conversation_key, interaction_id, channel, person_id, "
                            + "phase, correlation_id, version, updated_at) values ('" + row[0] + "', 'wa-bridge', "
                            + "'WHATSAPP_TWILIO', '" + row[0].substring(row[0].indexOf(':') + 1) + "', '" + row[1]
                            + "', 'c', 1, now() - interval '" + row[2] + " days')");
                    statement.execute("insert into handled_message (interaction_id, provider_message_id, conversation_key, "
                            + "outcome, handled_at) values ('wa-bridge', 'SM-" + row[0].hashCode() + "', '" + row[0]
                            + "', 'TICKET', now() - interval '" + row[2] + " days')");
                }
            }
            return null;
        });

        Map<String, Integer> deleted = data.purge(Duration.ofDays(180)).await().atMost(Duration.ofSeconds(10));

        assertThat(deleted).containsEntry("conversation", 1).containsEntry("handled_message", 1);
        String dump = SharedInfrastructure.postgres().dump("bridge");
        assertThat(dump).doesNotContain(old).contains(recent).as("a ticket still open is kept, however old").contains(open);
    }
}
