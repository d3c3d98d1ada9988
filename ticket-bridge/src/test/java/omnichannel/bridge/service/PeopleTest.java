package omnichannel.bridge.service;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static omnichannel.bridge.BridgeKafka.inbound;
import static omnichannel.bridge.BridgeKafka.publish;
import static omnichannel.bridge.FourBizStub.server;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import omnichannel.bridge.FourBizStub;
import omnichannel.events.Channel;
import omnichannel.events.Event;
import omnichannel.events.InboundMessage;
import omnichannel.events.Participant;
import omnichannel.simulators.identity.Tokens;
import omnichannel.testing.KafkaTestResource;
import omnichannel.testing.OidcTestResource;
import omnichannel.testing.PostgresTestResource;

/**
 * Tickets go to the colaborador 4biz already knows: linked by an admin (the link holding whichever way the number is
 * written), found by phone, or, for nobody, as the interaction's policy says.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "bridge"))
@QuarkusTestResource(OidcTestResource.class)
@QuarkusTestResource(FourBizStub.class)
class PeopleTest {

    @Test
    void anExistingColaboradorFoundByPhoneGetsTheTicketUnchangedAndIsLinked() {
        publish(inbound(FourBizStub.KNOWN_PHONE, "monitor piscando"));

        LoggedRequest ticket = ticketWith("monitor piscando");
        assertThat(ticket.getBodyAsString()).contains("\"userID\":\"" + FourBizStub.KNOWN_LOGIN + "\"")
                .contains("\"contact\":{\"name\":\"Maria\",\"phoneNumber\":\"" + FourBizStub.KNOWN_PHONE + "\"");
        // the named query was asked for every way the number is written, and the colaborador was not rewritten
        assertThat(server.findAll(postRequestedFor(urlEqualTo("/4biz/services/data/query"))
                .withRequestBody(containing("\"1187654001\""))).get(0).getBodyAsString())
                .contains("\"queryName\":\"" + FourBizStub.EMPLOYEE_QUERY + "\"")
                .contains("\"+5511987654001\"", "\"+551187654001\"", "\"5511987654001\"", "\"11987654001\"");
        assertThat(server.findAll(postRequestedFor(urlEqualTo("/4biz/services/employee/synchronize"))
                .withRequestBody(containing("5511987654001")))).isEmpty();
        given().auth().oauth2(Tokens.shared().viewer()).get("/api/v1/identities?requester=" + FourBizStub.KNOWN_LOGIN)
                .then().statusCode(200).body("identity", contains(FourBizStub.KNOWN_PHONE))
                .body("source", contains("LOOKUP"));
    }

    @Test
    void anAdminsLinkHoldsWithAndWithoutTheNinthDigitIsAuditedAndUnlinked() {
        String linkedAs = "+551187654002"; // as an admin typed it, without the ninth digit
        String writesFrom = "+5511987654002"; // as WhatsApp gives it
        given().auth().oauth2(Tokens.shared().viewer()).contentType(ContentType.JSON)
                .body("{\"requesterLogin\":\"joao.souza\"}").put("/api/v1/identities/WHATSAPP_TWILIO/" + linkedAs)
                .then().statusCode(403);
        given().auth().oauth2(Tokens.shared().admin()).contentType(ContentType.JSON)
                .body("{\"requesterLogin\":\"joao souza; drop\"}").put("/api/v1/identities/WHATSAPP_TWILIO/" + linkedAs)
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(Tokens.shared().admin()).contentType(ContentType.JSON)
                .body("{\"requesterLogin\":\"joao.souza\"}").put("/api/v1/identities/WHATSAPP_TWILIO/" + linkedAs)
                .then().statusCode(200).body("identity", equalTo(writesFrom)).body("source", equalTo("ADMIN"));

        publish(inbound(writesFrom, "teclado sem resposta"));

        assertThat(ticketWith("teclado sem resposta").getBodyAsString()).contains("\"userID\":\"joao.souza\"");
        assertThat(server.findAll(postRequestedFor(urlEqualTo("/4biz/services/data/query"))
                .withRequestBody(containing("1187654002")))).as("a linked person is not looked up").isEmpty();
        given().auth().oauth2(Tokens.shared().viewer()).queryParam("channel", "WHATSAPP_TWILIO")
                .queryParam("identity", linkedAs).get("/api/v1/identities").then().statusCode(200)
                .body("requesterLogin", contains("joao.souza"));

        given().auth().oauth2(Tokens.shared().admin()).delete("/api/v1/identities/WHATSAPP_TWILIO/" + writesFrom)
                .then().statusCode(204);
        given().auth().oauth2(Tokens.shared().admin()).delete("/api/v1/identities/WHATSAPP_TWILIO/" + linkedAs)
                .then().statusCode(404);
        List<String> actors = given().auth().oauth2(Tokens.shared().viewer())
                .get("/api/v1/identities/WHATSAPP_TWILIO/" + linkedAs + "/audit").then().statusCode(200)
                .body("action", contains("LINKED", "UNLINKED")).body("requesterLogin[0]", equalTo("joao.souza"))
                .body("previousLogin[1]", equalTo("joao.souza")).extract().path("actor");
        assertThat(actors).as("the admin who linked and unlinked").hasSize(2).doesNotContainNull()
                .allMatch(actor -> !actor.isBlank() && !actor.equals(People.LOOKUP_ACTOR));
    }

    @Test
    void nobodyFoundGoesToTheGenericRequesterWhereThePolicySaysAndTwoColaboradoresSharingANumberAreNotGuessed() {
        publish(inbound(FourBizStub.GENERIC_INTERACTION, "+5511987654003", "sem cadastro no 4biz"));
        publish(inbound(FourBizStub.SHARED_PHONE, "número compartilhado"));

        assertThat(ticketWith("sem cadastro no 4biz").getBodyAsString())
                .contains("\"userID\":\"" + FourBizStub.GENERIC_LOGIN + "\"")
                .contains("\"contact\":{\"name\":\"Maria\",\"phoneNumber\":\"+5511987654003\"");
        assertThat(server.findAll(postRequestedFor(urlEqualTo("/4biz/services/employee/synchronize"))
                .withRequestBody(containing("5511987654003")))).isEmpty();
        assertThat(ticketWith("número compartilhado").getBodyAsString()).contains("\"userID\":\"whatsapp_5511987654009\"");
    }

    @Test
    void anXUserLinkedByAnAdminGetsTheTicket() {
        given().auth().oauth2(Tokens.shared().admin()).contentType(ContentType.JSON)
                .body("{\"requesterLogin\":\"ana.lima\"}").put("/api/v1/identities/TWITTER_DM/4002").then().statusCode(200);
        Instant now = Instant.now();
        String id = "1900000000000000002";
        publish(new InboundMessage(UUID.randomUUID(), Event.SCHEMA_VERSION, now, FourBizStub.X_MEDIA_INTERACTION,
                Channel.TWITTER_DM, id, id, new Participant("4002", "Ana", "ana", null), "3001", "VPN caiu de novo",
                List.of(), null, null, null, false, false, now, Map.of()));

        assertThat(ticketWith("VPN caiu de novo").getBodyAsString()).contains("\"userID\":\"ana.lima\"");
    }

    private static LoggedRequest ticketWith(String text) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> server.findAll(postRequestedFor(
                urlEqualTo("/4biz/services/request/create")).withRequestBody(containing(text))), list -> !list.isEmpty())
                .get(0);
    }
}
