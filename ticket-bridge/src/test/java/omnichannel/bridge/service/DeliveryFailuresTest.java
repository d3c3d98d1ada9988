package omnichannel.bridge.service;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static omnichannel.bridge.BridgeKafka.inbound;
import static omnichannel.bridge.BridgeKafka.publish;
import static omnichannel.bridge.BridgeKafka.publishDelivery;
import static omnichannel.bridge.BridgeKafka.sentTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import omnichannel.bridge.FourBizStub;
import omnichannel.events.Channel;
import omnichannel.events.DeliveryStatus;
import omnichannel.events.Event;
import omnichannel.events.OutboundMessage;
import omnichannel.events.json.EventJson;
import omnichannel.testing.KafkaTestResource;
import omnichannel.testing.OidcTestResource;
import omnichannel.testing.PostgresTestResource;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "bridge"))
@QuarkusTestResource(OidcTestResource.class)
@QuarkusTestResource(FourBizStub.class)
class DeliveryFailuresTest {

    private static OutboundMessage acknowledgementTo(String person) {
        publish(inbound(person, "preciso de ajuda " + person));
        return await().atMost(Duration.ofSeconds(20)).until(() -> sentTo(person), list -> !list.isEmpty()).get(0);
    }

    private static DeliveryStatus status(OutboundMessage about, UUID eventId, String providerId,
            DeliveryStatus.State state, String code) {
        return new DeliveryStatus(UUID.randomUUID(), Event.SCHEMA_VERSION, Instant.now(), about.interactionId(),
                Channel.WHATSAPP_TWILIO, about.correlationId(), eventId, providerId, about.recipient().id(), state, code,
                code == null ? null : "WINDOW_CLOSED".equals(code) ? WINDOW_CLOSED_TEXT : "falhou", null);
    }

    /** What channel-whatsapp says with a WINDOW_CLOSED result: the bridge writes it as it comes. */
    private static final String WINDOW_CLOSED_TEXT = "A janela de 24 horas do WhatsApp está fechada.";

    private static int notesWith(String text) {
        return FourBizStub.server.findAll(postRequestedFor(urlEqualTo("/4biz/services/request/createOccurrence"))
                .withRequestBody(containing(text))).size();
    }

    private static io.restassured.path.json.JsonPath health() {
        return io.restassured.RestAssured.given().auth().oauth2(omnichannel.simulators.identity.Tokens.shared().viewer())
                .get("/api/v1/interactions/" + FourBizStub.INTERACTION + "/health").then().statusCode(200).extract()
                .jsonPath();
    }

    @Test
    void theInteractionsHealthShowsItsLastMessageItsLastAnswerAndItsFailedSends() {
        Instant start = Instant.now().minusSeconds(1);
        long messagesBefore = health().getLong("messagesLast24h");
        long failuresBefore = health().getLong("deliveryFailuresLast24h");

        OutboundMessage ack = acknowledgementTo("+5511912346009");
        publish(status(ack, ack.eventId(), null, DeliveryStatus.State.FAILED, "63003"));

        await().atMost(Duration.ofSeconds(20))
                .until(() -> health().getLong("deliveryFailuresLast24h") == failuresBefore + 1);
        var after = health();
        assertThat(after.getLong("messagesLast24h")).isGreaterThanOrEqualTo(messagesBefore + 1);
        assertThat(Instant.parse(after.getString("lastMessageIn"))).isAfter(start);
        assertThat(Instant.parse(after.getString("lastAnswerSent"))).isAfter(start);
        // a viewer's token reads it; no token, none
        io.restassured.RestAssured.given().get("/api/v1/interactions/" + FourBizStub.INTERACTION + "/health").then()
                .statusCode(401);
    }

    @Test
    void aFailedSendIsWrittenOnTheTicketOnce() {
        OutboundMessage ack = acknowledgementTo("+5511912346001");
        DeliveryStatus failed = status(ack, ack.eventId(), null, DeliveryStatus.State.FAILED, "WINDOW_CLOSED");

        publish(failed);
        publish(failed);

        await().atMost(Duration.ofSeconds(20)).until(() -> notesWith("WINDOW_CLOSED") >= 1);
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> true);
        var notes = FourBizStub.server.findAll(postRequestedFor(urlEqualTo("/4biz/services/request/createOccurrence"))
                .withRequestBody(containing("WINDOW_CLOSED")));
        assertThat(notes).hasSize(1);
        assertThat(notes.get(0).getBodyAsString()).contains("\"requestNumber\":\"4521\"").contains("OCD-")
                .contains("NÃO entregue").contains("janela de 24 horas").contains("Recebemos sua mensagem");
    }

    @Test
    void onlyFailuresAreWrittenAndOnlyByOurEventId() {
        OutboundMessage ack = acknowledgementTo("+5511912346002");
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");

        // channel-whatsapp links Twilio's ids to our events and sends one final result, event id always set
        publish(status(ack, ack.eventId(), sid, DeliveryStatus.State.SENT, null));
        // a result without our event id cannot be made any more; one written by an older producer is not written
        String withoutOurId = new String(EventJson.write(status(ack, ack.eventId(), sid,
                DeliveryStatus.State.UNDELIVERED, "63016")), StandardCharsets.UTF_8)
                .replace("\"outboundEventId\":\"" + ack.eventId() + "\"", "\"outboundEventId\":null");
        assertThat(withoutOurId).contains("\"outboundEventId\":null");
        publishDelivery(ack.conversationKey(), withoutOurId);
        publish(status(ack, ack.eventId(), sid, DeliveryStatus.State.UNDELIVERED, "63032"));

        // the code as the note writes it: a bare "63016" also turns up inside random ids of other tests' requests
        await().atMost(Duration.ofSeconds(20)).until(() -> notesWith("entregue ao solicitante (63032)") == 1);
        assertThat(notesWith("entregue ao solicitante (63016)")).isZero();
    }
}
