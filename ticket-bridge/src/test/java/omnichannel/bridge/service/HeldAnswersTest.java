package omnichannel.bridge.service;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static omnichannel.bridge.BridgeKafka.publish;
import static omnichannel.bridge.BridgeKafka.sentTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import omnichannel.bridge.BridgeKafka;
import omnichannel.bridge.FourBizStub;
import omnichannel.events.DeliveryStatus;
import omnichannel.events.Event;
import omnichannel.events.InboundMessage;
import omnichannel.events.OutboundMessage;
import omnichannel.events.OutboundMessage.Purpose;
import omnichannel.simulators.identity.Tokens;
import omnichannel.testing.KafkaTestResource;
import omnichannel.testing.OidcTestResource;
import omnichannel.testing.PostgresTestResource;

/**
 * Answers WhatsApp's closed 24-hour window kept from the person: the person's last message is 25 hours old when the
 * attendant answers; the test plays channel-whatsapp's results (what it reports is pinned by its own tests).
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "bridge"))
@QuarkusTestResource(OidcTestResource.class)
@QuarkusTestResource(FourBizStub.class)
class HeldAnswersTest {

    /** The person's message, received {@code ago} before now. */
    private static InboundMessage writes(String person, String text, Duration ago) {
        return BridgeKafka.inbound(FourBizStub.INTERACTION, person, text, Instant.now().minus(ago));
    }

    private static UUID push(String ticket, String occurrenceId, String text) {
        String id = given().auth().oauth2(Tokens.shared().fourBiz()).contentType(ContentType.JSON)
                .body("{\"id\":\"" + occurrenceId + "\",\"text\":\"" + text + "\"}")
                .post("/api/v1/tickets/" + ticket + "/replies").then().statusCode(202).extract().path("messageId");
        return UUID.fromString(id);
    }

    private static OutboundMessage published(String person, UUID eventId) {
        return await().atMost(Duration.ofSeconds(20)).until(
                () -> sentTo(person).stream().filter(m -> m.eventId().equals(eventId)).findFirst().orElse(null),
                java.util.Objects::nonNull);
    }

    /** What channel-whatsapp reports for an answer it could not send as text. */
    private static DeliveryStatus result(OutboundMessage about, DeliveryStatus.State state, String code, String sentAs) {
        return new DeliveryStatus(UUID.randomUUID(), Event.SCHEMA_VERSION, Instant.now(), about.interactionId(),
                about.channel(), about.correlationId(), about.eventId(), state == DeliveryStatus.State.FAILED
                        ? null
                        : "SM" + UUID.randomUUID().toString().replace("-", ""),
                about.recipient().id(), state, code, code == null ? null : "janela fechada", sentAs);
    }

    private static List<String> notesOn(String ticket, String text) {
        return FourBizStub.server.findAll(postRequestedFor(urlEqualTo("/4biz/services/request/createOccurrence"))
                .withRequestBody(containing("\"requestNumber\":\"" + ticket + "\"")).withRequestBody(containing(text)))
                .stream().map(request -> request.getBodyAsString()).toList();
    }

    private static List<OutboundMessage> answersTo(String person) {
        return sentTo(person).stream().filter(m -> m.purpose() == Purpose.ATTENDANT_ANSWER).toList();
    }

    @Test
    void answersHeldByTheClosedWindowGoOutWhenThePersonWritesAgainOnceAndInOrderWithLaterAnswers() {
        String person = "+5511912347501";
        publish(writes(person, FourBizStub.HELD_TEXT, Duration.ofHours(25)));
        await().atMost(Duration.ofSeconds(20)).until(() -> !sentTo(person).isEmpty());

        OutboundMessage first = published(person, push(FourBizStub.HELD_TICKET, "601", "primeira resposta"));
        OutboundMessage second = published(person, push(FourBizStub.HELD_TICKET, "602", "segunda resposta"));
        assertThat(first.lastInboundAt()).isBefore(Instant.now().minus(Duration.ofHours(24)));
        publish(result(first, DeliveryStatus.State.FAILED, DeliveryStatus.WINDOW_CLOSED, null));
        publish(result(second, DeliveryStatus.State.FAILED, DeliveryStatus.WINDOW_CLOSED, null));
        publish(result(second, DeliveryStatus.State.FAILED, DeliveryStatus.WINDOW_CLOSED, null));

        await().atMost(Duration.ofSeconds(20)).until(() -> notesOn(FourBizStub.HELD_TICKET, "Resposta retida:").size() == 2);
        assertThat(notesOn(FourBizStub.HELD_TICKET, "Resposta retida:")).anyMatch(n -> n.contains("primeira resposta"))
                .anyMatch(n -> n.contains("segunda resposta")).allMatch(n -> n.contains("OCH-"));
        assertThat(notesOn(FourBizStub.HELD_TICKET, "NÃO entregue")).isEmpty();
        assertThat(answersTo(person)).hasSize(2);

        InboundMessage again = writes(person, "voltei, alguma novidade?", Duration.ZERO);
        publish(again);
        await().atMost(Duration.ofSeconds(20)).until(() -> answersTo(person).size() == 4);
        OutboundMessage third = published(person, push(FourBizStub.HELD_TICKET, "603", "terceira resposta"));
        publish(again);
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> true);

        List<OutboundMessage> answers = answersTo(person);
        assertThat(answers).extracting(OutboundMessage::text).containsExactly("primeira resposta", "segunda resposta",
                "primeira resposta", "segunda resposta", "terceira resposta");
        List<OutboundMessage> releases = answers.subList(2, 4);
        assertThat(releases).extracting(OutboundMessage::eventId).doesNotContain(first.eventId(), second.eventId())
                .doesNotHaveDuplicates();
        assertThat(releases).allMatch(m -> m.lastInboundAt().isAfter(Instant.now().minus(Duration.ofMinutes(1))))
                .allMatch(m -> FourBizStub.HELD_TICKET.equals(m.ticketNumber()));
        assertThat(third.eventId()).isNotIn(first.eventId(), second.eventId());

        // channel-whatsapp sent them: the attendant reads that each went out, once
        releases.forEach(release -> publish(result(release, DeliveryStatus.State.QUEUED, null, "TEXT")));
        publish(result(releases.get(0), DeliveryStatus.State.QUEUED, null, "TEXT"));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> notesOn(FourBizStub.HELD_TICKET, "Resposta retida enviada").size() == 2);
        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> true);
        assertThat(notesOn(FourBizStub.HELD_TICKET, "Resposta retida enviada")).hasSize(2)
                .allMatch(n -> n.contains("OCR-"));
        assertThat(given().get("/q/metrics").then().extract().asString())
                .containsPattern("omnichannel_bridge_answers_held_total\\{interaction=\"" + FourBizStub.INTERACTION
                        + "\"[^}]*} [2-9]")
                .containsPattern("omnichannel_bridge_held_answers_released_total\\{interaction=\""
                        + FourBizStub.INTERACTION + "\"[^}]*} [2-9]");
    }

    @Test
    void anAnswerThatWentOutAsTheTemplateFollowsInFullWhenThePersonReplies() {
        String person = "+5511912347502";
        publish(writes(person, FourBizStub.TEMPLATE_HELD_TEXT, Duration.ofHours(30)));
        await().atMost(Duration.ofSeconds(20)).until(() -> !sentTo(person).isEmpty());
        OutboundMessage answer = published(person, push(FourBizStub.TEMPLATE_HELD_TICKET, "611", "texto completo"));

        publish(result(answer, DeliveryStatus.State.QUEUED, null, DeliveryStatus.SENT_AS_TEMPLATE));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> notesOn(FourBizStub.TEMPLATE_HELD_TICKET, "modelo aprovado").size() == 1);
        assertThat(answersTo(person)).hasSize(1);

        publish(writes(person, "recebi o aviso", Duration.ZERO));

        await().atMost(Duration.ofSeconds(20)).until(() -> answersTo(person).size() == 2);
        assertThat(answersTo(person).get(1).text()).isEqualTo("texto completo");
    }

    @Test
    void anAnswerHeldAfterThePersonWroteAgainGoesOutAtOnce() {
        String person = "+5511912347503";
        publish(writes(person, FourBizStub.LATE_HOLD_TEXT, Duration.ofHours(26)));
        await().atMost(Duration.ofSeconds(20)).until(() -> !sentTo(person).isEmpty());
        OutboundMessage answer = published(person, push(FourBizStub.LATE_HOLD_TICKET, "621", "resposta atrasada"));
        publish(writes(person, "escrevi antes do resultado", Duration.ZERO));
        await().atMost(Duration.ofSeconds(20)).until(() -> !notesOn(FourBizStub.LATE_HOLD_TICKET,
                "escrevi antes do resultado").isEmpty());

        publish(result(answer, DeliveryStatus.State.FAILED, DeliveryStatus.WINDOW_CLOSED, null));

        await().atMost(Duration.ofSeconds(20)).until(() -> answersTo(person).size() == 2);
        assertThat(answersTo(person).get(1).text()).isEqualTo("resposta atrasada");
    }

    @Test
    void aHeldAnswersFileGoesOutWithItOnAFreshLinkDaysLater() {
        String person = "+5511912347504";
        publish(writes(person, FourBizStub.HELD_FILE_TEXT, Duration.ofHours(25)));
        OutboundMessage answer = await().atMost(Duration.ofSeconds(30))
                .until(() -> answersTo(person).stream().findFirst().orElse(null), java.util.Objects::nonNull);
        assertThat(answer.mediaUrls()).hasSize(1);
        publish(result(answer, DeliveryStatus.State.FAILED, DeliveryStatus.WINDOW_CLOSED, null));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> notesOn(FourBizStub.HELD_FILE_TICKET, "Resposta retida:").size() == 1);

        // the person writes two days later: the first link expired long ago, and the hourly purge has run
        pool.preparedQuery("update media_link set expires_at = now() - interval '2 days' where ticket_number = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(FourBizStub.HELD_FILE_TICKET)).await().indefinitely();
        links.purge().await().indefinitely();
        publish(writes(person, "voltei", Duration.ZERO));

        OutboundMessage release = await().atMost(Duration.ofSeconds(20))
                .until(() -> answersTo(person).size() == 2 ? answersTo(person).get(1) : null, java.util.Objects::nonNull);
        assertThat(release.text()).isEqualTo("Foto da configuração.");
        assertThat(release.mediaUrls()).as("the file goes with the answer, on a link of its own").hasSize(1)
                .doesNotContain(answer.mediaUrls().get(0));
        java.net.URI link = java.net.URI.create(release.mediaUrls().get(0));
        byte[] photo = given().auth().oauth2(Tokens.shared().service(Tokens.GATEWAY))
                .get("/internal/v1" + link.getPath() + "?" + link.getRawQuery()).then().statusCode(200)
                .contentType("image/jpeg").extract().asByteArray();
        assertThat(photo).isEqualTo(FourBizStub.PHOTO);
    }

    @jakarta.inject.Inject
    io.vertx.mutiny.sqlclient.Pool pool;

    @jakarta.inject.Inject
    MediaLinks links;
}
