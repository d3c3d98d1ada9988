package omnichannel.bridge.service;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static omnichannel.bridge.BridgeKafka.inbound;
import static omnichannel.bridge.BridgeKafka.publish;
import static omnichannel.bridge.BridgeKafka.sentTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import omnichannel.bridge.FourBizStub;
import omnichannel.events.OutboundMessage;
import omnichannel.events.OutboundMessage.Purpose;
import omnichannel.simulators.identity.Tokens;
import omnichannel.testing.KafkaTestResource;
import omnichannel.testing.OidcTestResource;
import omnichannel.testing.PostgresTestResource;
import omnichannel.testing.SharedInfrastructure;

/** {@code POST /api/v1/tickets/{number}/contact}: an attendant writes first. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "bridge"))
@QuarkusTestResource(OidcTestResource.class)
@QuarkusTestResource(FourBizStub.class)
class AgentContactTest {

    private static ValidatableResponse contact(String ticket, String body) {
        return given().auth().oauth2(Tokens.shared().fourBiz()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/tickets/" + ticket + "/contact").then();
    }

    private static List<OutboundMessage> contacts(String person) {
        return sentTo(person).stream().filter(m -> m.purpose() == Purpose.AGENT_CONTACT).toList();
    }

    @Test
    void theConversationThatHasTheTicketIsWrittenToOnceInsideItsWindow() {
        String person = "+5511912349201";
        publish(inbound(person, FourBizStub.CONTACT_TEXT));
        await().atMost(Duration.ofSeconds(20)).until(() -> !sentTo(person).isEmpty());
        String body = "{\"id\":\"c-1\",\"interactionId\":\"" + FourBizStub.INTERACTION + "\"}";

        String first = contact(FourBizStub.CONTACT_TICKET, body).statusCode(202).extract().path("messageId");
        contact(FourBizStub.CONTACT_TICKET, body).statusCode(202).body("messageId", equalTo(first));

        List<OutboundMessage> sent = await().atMost(Duration.ofSeconds(20)).until(() -> contacts(person),
                list -> !list.isEmpty());
        assertThat(sent).extracting(m -> m.eventId().toString()).containsOnly(first);
        assertThat(sent.get(0).text()).contains("chamado nº " + FourBizStub.CONTACT_TICKET);
        assertThat(sent.get(0).lastInboundAt()).isAfter(Instant.now().minus(Duration.ofMinutes(1)));
        // another ticket while this one is open on the interaction: refused
        contact("7778", "{\"id\":\"c-2\",\"interactionId\":\"" + FourBizStub.INTERACTION + "\",\"recipientId\":\""
                + person + "\"}").statusCode(409).contentType("application/problem+json")
                .body("detail", containsString(FourBizStub.CONTACT_TICKET));
    }

    @Test
    void aPersonWithoutAConversationGetsTheTemplateAndTheirAnswerJoinsTheTicket() {
        String person = "+5511912349202";
        contact("7777", "{\"id\":\"c-3\",\"interactionId\":\"" + FourBizStub.INTERACTION + "\",\"recipientId\":\""
                + person + "\",\"text\":\"Seu equipamento chegou\"}").statusCode(202);

        OutboundMessage sent = await().atMost(Duration.ofSeconds(20)).until(() -> contacts(person),
                list -> !list.isEmpty()).get(0);
        assertThat(sent.lastInboundAt()).as("no message from the person: the window is closed")
                .isEqualTo(Instant.EPOCH);
        assertThat(sent.ticketNumber()).isEqualTo("7777");
        assertThat(sent.templateVariables()).containsEntry("1", "7777");

        publish(inbound(person, "recebi, obrigado"));

        await().atMost(Duration.ofSeconds(20)).until(() -> !FourBizStub.server.findAll(
                postRequestedFor(urlEqualTo("/4biz/services/request/createOccurrence"))
                        .withRequestBody(containing("\"requestNumber\":\"7777\""))
                        .withRequestBody(containing("recebi, obrigado")))
                .isEmpty());
        assertThat(FourBizStub.server.findAll(postRequestedFor(urlEqualTo("/4biz/services/request/create"))
                .withRequestBody(containing("recebi, obrigado")))).isEmpty();
    }

    @Test
    void aStrangerIsRefusedAndTryingNumbersOneAfterAnotherIsStopped() {
        // ticket 7782 belongs to nobody the bridge or 4biz ties to these numbers
        for (int i = 0; i < 6; i++) {
            contact("7782", "{\"id\":\"s-" + i + "\",\"interactionId\":\"" + FourBizStub.INTERACTION
                    + "\",\"recipientId\":\"+55119876500" + (10 + i) + "\"}").statusCode(403)
                    .contentType("application/problem+json").body("detail", containsString("requester"));
        }
        contact("7782", "{\"id\":\"s-7\",\"interactionId\":\"" + FourBizStub.INTERACTION
                + "\",\"recipientId\":\"+5511912349202\"}").statusCode(429).contentType("application/problem+json");
        for (int i = 0; i < 6; i++) {
            assertThat(contacts("+55119876500" + (10 + i))).isEmpty();
        }
        // audited, the person only as a keyed hash
        String audit = SharedInfrastructure.postgres().query("bridge", connection -> {
            StringBuilder rows = new StringBuilder();
            try (var rs = connection.createStatement().executeQuery(
                    "select t::text from contact_audit t where ticket_number = '7782'")) {
                while (rs.next()) {
                    rows.append(rs.getString(1)).append('\n');
                }
            }
            return rows.toString();
        });
        assertThat(audit.lines()).hasSize(7);
        assertThat(audit).contains("NOT_THE_REQUESTER").contains("RATE_LIMITED").contains("4biz@omnichannel.local")
                .doesNotContain("98765001").doesNotContain("912349202");
    }

    @Test
    void aClosedTicketIsRefusedAndANumberWithoutTheNinthDigitIsThePersonsOwn() {
        contact(FourBizStub.RESOLVED_TICKET, "{\"id\":\"cl-1\",\"interactionId\":\"" + FourBizStub.INTERACTION
                + "\",\"recipientId\":\"+5511912349202\"}").statusCode(409).body("detail", containsString("closed"));

        // 4biz lists ticket 7781 for whatsapp_5511987659203; typed without Brazil's ninth digit, it is still them
        contact("7781", "{\"id\":\"n-1\",\"interactionId\":\"" + FourBizStub.INTERACTION
                + "\",\"recipientId\":\"+551187659203\"}").statusCode(202);
        OutboundMessage sent = await().atMost(Duration.ofSeconds(20)).until(() -> contacts("+5511987659203"),
                list -> !list.isEmpty()).get(0);
        assertThat(sent.ticketNumber()).isEqualTo("7781");
        assertThat(contacts("+551187659203")).isEmpty();
    }

    @Test
    void badRequestsAreProblemsAndOnly4bizMayAsk() {
        String body = "{\"id\":\"c-4\",\"interactionId\":\"" + FourBizStub.INTERACTION + "\"}";
        given().contentType(ContentType.JSON).body(body).post("/api/v1/tickets/7779/contact").then().statusCode(401);
        given().auth().oauth2(Tokens.shared().admin()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/tickets/7779/contact").then().statusCode(403);
        contact("7779", body).statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("recipientId"));
        contact("7779", "{\"id\":\"c-5\"}").statusCode(400).body("detail", containsString("interactionId"));
        contact("7779", "{\"id\":\"c-6\",\"interactionId\":\"" + FourBizStub.INTERACTION
                + "\",\"recipientId\":\"11 9999\"}").statusCode(400);
        contact("7779", "{\"id\":\"c-7\",\"interactionId\":\"nope\",\"recipientId\":\"+5511912349203\"}")
                .statusCode(404).contentType("application/problem+json");
    }
}
