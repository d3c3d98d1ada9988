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
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import omnichannel.bridge.FourBizStub;
import omnichannel.events.OutboundMessage;
import omnichannel.events.OutboundMessage.Purpose;
import omnichannel.simulators.identity.Tokens;
import omnichannel.testing.KafkaTestResource;
import omnichannel.testing.OidcTestResource;
import omnichannel.testing.PostgresTestResource;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "bridge"))
@QuarkusTestResource(OidcTestResource.class)
@QuarkusTestResource(FourBizStub.class)
class AttendantAnswersTest {

    private static List<Purpose> purposes(String person) {
        return sentTo(person).stream().map(OutboundMessage::purpose).toList();
    }

    @Test
    void anAttendantsAnswerIsSentOnceWhateverTheNumberOfPollRounds() {
        String person = "+5511912348001";
        publish(inbound(person, FourBizStub.ANSWERED_TEXT));

        List<OutboundMessage> sent = await().atMost(Duration.ofSeconds(20)).until(() -> sentTo(person),
                list -> list.stream().anyMatch(m -> m.purpose() == Purpose.ATTENDANT_ANSWER));
        // the poller runs every 0.5 s in tests: give it several more rounds to repeat itself
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> true);

        List<OutboundMessage> answers = sentTo(person).stream().filter(m -> m.purpose() == Purpose.ATTENDANT_ANSWER)
                .toList();
        assertThat(answers).hasSize(1);
        assertThat(answers.get(0).text()).isEqualTo(FourBizStub.ATTENDANT_ANSWER);
        assertThat(answers.get(0).ticketNumber()).isEqualTo(FourBizStub.ANSWERED_TICKET);
        assertThat(answers.get(0).recipient().id()).isEqualTo(person);
        // our own follow-ups and internal notes are not answers
        assertThat(sent).noneMatch(m -> m.text().contains("nota interna") || m.text().contains("mensagem do solicitante"));
    }

    @Test
    void aResolvedTicketGetsOneNoticeAndTheNextMessageOpensANewTicket() {
        String person = "+5511912348002";
        publish(inbound(person, FourBizStub.RESOLVED_TEXT));

        await().atMost(Duration.ofSeconds(20)).until(() -> purposes(person).contains(Purpose.TICKET_NOTICE));
        publish(inbound(person, "tenho outro problema"));

        await().atMost(Duration.ofSeconds(20)).until(() -> !FourBizStub.server.findAll(
                postRequestedFor(urlEqualTo("/4biz/services/request/create"))
                        .withRequestBody(containing("tenho outro problema")))
                .isEmpty());
        assertThat(FourBizStub.server.findAll(postRequestedFor(urlEqualTo("/4biz/services/request/createOccurrence"))
                .withRequestBody(containing("tenho outro problema")))).isEmpty();
        List<OutboundMessage> notices = sentTo(person).stream().filter(m -> m.purpose() == Purpose.TICKET_NOTICE)
                .toList();
        assertThat(notices).hasSize(1);
        assertThat(notices.get(0).text()).contains(FourBizStub.RESOLVED_TICKET).contains("resolvido");
    }

    @Test
    void aPushedAnswerIsSentOnceAndNeedsTheServiceRole() {
        String person = "+5511912348003";
        publish(inbound(person, FourBizStub.OWN_TICKET_TEXT));
        await().atMost(Duration.ofSeconds(20)).until(() -> purposes(person).contains(Purpose.TICKET_ACKNOWLEDGEMENT));
        String path = "/api/v1/tickets/" + FourBizStub.OWN_TICKET + "/replies";
        String body = "{\"id\":\"501\",\"text\":\"Pode reiniciar o roteador?\"}";

        given().contentType(ContentType.JSON).body(body).post(path).then().statusCode(401);
        given().auth().oauth2(Tokens.shared().viewer()).contentType(ContentType.JSON).body(body).post(path).then()
                .statusCode(403);
        // pushing answers is 4biz's role alone, not another service's
        given().auth().oauth2(Tokens.shared().service(Tokens.GATEWAY, Tokens.BRIDGE)).contentType(ContentType.JSON).body(body)
                .post(path).then()
                .statusCode(403);
        given().auth().oauth2(Tokens.shared().fourBiz()).contentType(ContentType.JSON).body("{\"text\":\"sem id\"}")
                .post(path).then().statusCode(400).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("'id'"));
        given().auth().oauth2(Tokens.shared().fourBiz()).contentType(ContentType.JSON).body("{\"id\":")
                .post(path).then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(Tokens.shared().fourBiz()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/tickets/999999/replies").then().statusCode(404).contentType("application/problem+json");
        String first = given().auth().oauth2(Tokens.shared().fourBiz()).contentType(ContentType.JSON).body(body)
                .post(path).then().statusCode(202).body("messageId", notNullValue()).extract().path("messageId");
        given().auth().oauth2(Tokens.shared().fourBiz()).contentType(ContentType.JSON).body(body).post(path).then()
                .statusCode(202).body("messageId", equalTo(first));

        List<OutboundMessage> answers = await().atMost(Duration.ofSeconds(10)).until(
                () -> sentTo(person).stream().filter(m -> m.purpose() == Purpose.ATTENDANT_ANSWER).toList(),
                list -> !list.isEmpty());
        // published twice under one id: the channel service sends an id once
        assertThat(answers).extracting(m -> m.eventId().toString()).containsOnly(first);
        assertThat(answers.get(0).text()).isEqualTo("Pode reiniciar o roteador?");
    }

    @Test
    void anOptedOutPersonGetsOnlyTheConfirmationsWhileTheirMessagesStillReach4biz() {
        String person = "+5511912348004";
        String path = "/api/v1/tickets/" + FourBizStub.OPT_OUT_TICKET + "/replies";
        publish(inbound(person, FourBizStub.OPT_OUT_TICKET_TEXT));
        await().atMost(Duration.ofSeconds(20)).until(() -> purposes(person).contains(Purpose.TICKET_ACKNOWLEDGEMENT));

        publish(inbound(person, " parar "));
        await().atMost(Duration.ofSeconds(20)).until(() -> purposes(person).contains(Purpose.OPT_OUT_CONFIRMATION));
        assertThat(FourBizStub.server.findAll(postRequestedFor(urlEqualTo("/4biz/services/request/createOccurrence"))
                .withRequestBody(containing(" parar ")))).hasSize(1);
        given().auth().oauth2(Tokens.shared().fourBiz()).contentType(ContentType.JSON)
                .body("{\"id\":\"601\",\"text\":\"resposta\"}").post(path).then().statusCode(409);

        publish(inbound(person, "VOLTAR"));
        await().atMost(Duration.ofSeconds(20)).until(() -> purposes(person).stream()
                .filter(p -> p == Purpose.OPT_OUT_CONFIRMATION).count() == 2);
        given().auth().oauth2(Tokens.shared().fourBiz()).contentType(ContentType.JSON)
                .body("{\"id\":\"602\",\"text\":\"resposta\"}").post(path).then().statusCode(202);

        List<OutboundMessage> sent = await().atMost(Duration.ofSeconds(10)).until(() -> sentTo(person),
                list -> list.size() == 4);
        assertThat(sent).extracting(OutboundMessage::purpose).containsExactly(Purpose.TICKET_ACKNOWLEDGEMENT,
                Purpose.OPT_OUT_CONFIRMATION, Purpose.OPT_OUT_CONFIRMATION, Purpose.ATTENDANT_ANSWER);
        assertThat(sent.get(1).text()).contains("não receberá mais");
    }
}
