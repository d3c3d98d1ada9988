package omnichannel.whatsapp.messaging;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import omnichannel.events.Channel;
import omnichannel.events.DeliveryStatus;
import omnichannel.events.Event;
import omnichannel.events.OutboundMessage;
import omnichannel.events.Participant;
import omnichannel.events.Topics;
import omnichannel.events.json.EventJson;
import omnichannel.infra.KafkaRecords;
import omnichannel.testing.KafkaTestResource;
import omnichannel.testing.PostgresTestResource;
import omnichannel.testing.SharedInfrastructure;
import omnichannel.whatsapp.ProvidersStub;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "whatsapp"))
@QuarkusTestResource(omnichannel.testing.OidcTestResource.class)
@QuarkusTestResource(ProvidersStub.class)
class OutboundConsumerTest {

    public static OutboundMessage message(String interaction, String to, String text, Instant lastInboundAt) {
        return new OutboundMessage(UUID.randomUUID(), Event.SCHEMA_VERSION, Instant.now(), interaction,
                Channel.WHATSAPP_TWILIO, "SM-cause-" + UUID.randomUUID(), OutboundMessage.Purpose.TICKET_ACKNOWLEDGEMENT,
                new Participant(to, "Maria", null, to), text, List.of(), "4521", lastInboundAt, Map.of("1", "4521"));
    }

    public static void publish(OutboundMessage... messages) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                SharedInfrastructure.kafka().bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            for (OutboundMessage message : messages) {
                producer.send(new ProducerRecord<>(Topics.OUTBOUND_WHATSAPP, message.interactionId(),
                        EventJson.write(message)));
            }
        }
    }

    public static List<LoggedRequest> sendsTo(String number) {
        return ProvidersStub.server.findAll(postRequestedFor(urlEqualTo(ProvidersStub.MESSAGES))
                .withRequestBody(containing("To=whatsapp%3A" + number.replace("+", "%2B"))));
    }

    public static List<DeliveryStatus> statusesOf(UUID outboundEventId) {
        return KafkaRecords.read(SharedInfrastructure.kafka().bootstrapServers(), Topics.DELIVERY,
                record -> record.value().contains(outboundEventId.toString()), Duration.ofSeconds(1)).stream()
                .map(record -> EventJson.read(record.value().getBytes(), DeliveryStatus.class)).toList();
    }

    @Test
    void sendsOnceThroughTwilioWithTheStatusCallbackEvenWhenTheEventIsRedelivered() {
        String to = "+5511912340101";
        OutboundMessage message = message(ProvidersStub.OPEN, to, "Chamado nº 4521 aberto", Instant.now());

        publish(message, message);

        await().atMost(Duration.ofSeconds(20)).until(() -> statusesOf(message.eventId()).size() == 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(22)).until(() -> sendsTo(to).size() == 1);
        String body = sendsTo(to).get(0).getBodyAsString();
        assertThat(body).contains("Body=Chamado").contains("From=whatsapp%3A%2B5511999990000")
                .contains("StatusCallback=https%3A%2F%2Fhooks.example.com%2Fwebhooks%2Fwhatsapp%2Fwa-open%2Fstatus");
        assertThat(sendsTo(to).get(0).getHeader("Authorization")).startsWith("Basic ");
        DeliveryStatus status = statusesOf(message.eventId()).get(0);
        assertThat(status.state()).isEqualTo(DeliveryStatus.State.QUEUED);
        assertThat(status.providerMessageId()).startsWith("SM");
        assertThat(status.sentAs()).isEqualTo("TEXT");
    }

    @Test
    void attachmentsGoOutAsMediaUrls() {
        String to = "+5511912340104";
        OutboundMessage message = new OutboundMessage(UUID.randomUUID(), Event.SCHEMA_VERSION, Instant.now(),
                ProvidersStub.OPEN, Channel.WHATSAPP_TWILIO, "SM-media", OutboundMessage.Purpose.ATTENDANT_ANSWER,
                new Participant(to, null, null, to), "segue o manual",
                List.of("https://files.example.com/manual.pdf", "https://files.example.com/foto.jpg"), "4521",
                Instant.now(), Map.of());

        publish(message);

        await().atMost(Duration.ofSeconds(20)).until(() -> sendsTo(to).size() == 1);
        assertThat(sendsTo(to).get(0).getBodyAsString())
                .contains("MediaUrl=https%3A%2F%2Ffiles.example.com%2Fmanual.pdf")
                .contains("MediaUrl=https%3A%2F%2Ffiles.example.com%2Ffoto.jpg")
                .contains("Body=segue+o+manual");
    }

    @Test
    void throttledSendIsRetriedAndSentOnceInOrder() {
        OutboundMessage first = message(ProvidersStub.OPEN, ProvidersStub.THROTTLED_ONCE, "primeira", Instant.now());
        OutboundMessage second = message(ProvidersStub.OPEN, ProvidersStub.THROTTLED_ONCE, "segunda", Instant.now());

        publish(first, second);

        await().atMost(Duration.ofSeconds(30)).until(() -> statusesOf(second.eventId()).size() == 1);
        List<String> bodies = sendsTo(ProvidersStub.THROTTLED_ONCE).stream().map(LoggedRequest::getBodyAsString).toList();
        assertThat(bodies).hasSize(3);
        assertThat(bodies.get(0)).contains("Body=primeira");
        assertThat(bodies.get(1)).contains("Body=primeira");
        assertThat(bodies.get(2)).contains("Body=segunda");
        assertThat(statusesOf(first.eventId())).extracting(DeliveryStatus::state).containsExactly(DeliveryStatus.State.QUEUED);
    }

    @Test
    void permanentErrorBecomesAFailureWithTheCodeAndIsNotRetried() {
        OutboundMessage message = message(ProvidersStub.OPEN, ProvidersStub.INVALID, "olá", Instant.now());

        publish(message);

        await().atMost(Duration.ofSeconds(20)).until(() -> statusesOf(message.eventId()).size() == 1);
        DeliveryStatus status = statusesOf(message.eventId()).get(0);
        assertThat(status.state()).isEqualTo(DeliveryStatus.State.FAILED);
        assertThat(status.errorCode()).isEqualTo("21211");
        assertThat(sendsTo(ProvidersStub.INVALID)).hasSize(1);
    }

    @Test
    void outsideThe24HourWindowTheApprovedTemplateIsSent() {
        String to = "+5511912340102";
        OutboundMessage message = message(ProvidersStub.TEMPLATE, to, "texto livre", Instant.now().minus(Duration.ofHours(25)));

        publish(message);

        await().atMost(Duration.ofSeconds(20)).until(() -> sendsTo(to).size() == 1);
        String body = sendsTo(to).get(0).getBodyAsString();
        assertThat(body).contains("ContentSid=" + ProvidersStub.CONTENT_SID).contains("ContentVariables=")
                .contains("4521").doesNotContain("texto");
        // the bridge learns that the text itself did not go out, to hold it for the person's next message
        await().atMost(Duration.ofSeconds(20)).until(() -> statusesOf(message.eventId()).size() == 1);
        assertThat(statusesOf(message.eventId()).get(0).sentAs()).isEqualTo(DeliveryStatus.SENT_AS_TEMPLATE);
    }

    @Test
    void outsideTheWindowWithoutATemplateNothingIsSentAndWindowClosedIsReported() {
        String to = "+5511912340103";
        OutboundMessage message = message(ProvidersStub.OPEN, to, "texto livre", Instant.now().minus(Duration.ofHours(30)));

        publish(message);

        await().atMost(Duration.ofSeconds(20)).until(() -> statusesOf(message.eventId()).size() == 1);
        DeliveryStatus status = statusesOf(message.eventId()).get(0);
        assertThat(status.state()).isEqualTo(DeliveryStatus.State.FAILED);
        assertThat(status.errorCode()).isEqualTo("WINDOW_CLOSED");
        assertThat(sendsTo(to)).isEmpty();
    }

    @Test
    void aRecipientOf300CharactersIsSentOnceAndHoldsBackNobody() {
        String opaque = "bsuid." + "Zx7".repeat(98);
        String next = "+5511912340190";
        OutboundMessage longId = message(ProvidersStub.OPEN, opaque, "para um id longo", Instant.now());
        OutboundMessage other = message(ProvidersStub.OPEN, next, "para outra pessoa", Instant.now());

        publish(longId, other);

        await().atMost(Duration.ofSeconds(20)).until(() -> statusesOf(longId.eventId()).size() == 1
                && statusesOf(other.eventId()).size() == 1);
        assertThat(statusesOf(longId.eventId()).get(0).state()).isEqualTo(DeliveryStatus.State.QUEUED);
        assertThat(sendsTo(next)).hasSize(1);
    }

    /**
     * Twilio accepted the message, then recording it failed once (a PostgreSQL trigger refuses the first update of
     * this event with a serialization failure): the record is retried in place and the message is sent once, not
     * twice.
     */
    @Test
    void aFailedRecordAfterTwilioAcceptedIsRetriedInPlaceNotBySendingAgain() {
        String to = "+5511912340180";
        OutboundMessage message = message(ProvidersStub.OPEN, to, "gravar falhou uma vez", Instant.now());
        omnichannel.testing.FailingRecord.failFirstSettle("whatsapp", "sent_message", message.eventId());

        publish(message);

        await().atMost(Duration.ofSeconds(20)).until(() -> statusesOf(message.eventId()).size() == 1);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(23)).until(() -> sendsTo(to).size() == 1);
        long attempts = omnichannel.testing.FailingRecord.settleAttempts("whatsapp");
        assertThat(attempts).as("the first record failed and was retried").isGreaterThanOrEqualTo(2);
    }

    /**
     * Twilio took the message but its answer was lost (the connection reset, as when our process dies right after):
     * the retry finds the message in Twilio's list and records it instead of sending again. Twilio's list also holds an
     * older message with the same text (before the reservation) and a newer one with another text: neither is taken.
     */
    @Test
    void aSendWhoseAnswerWasLostIsFoundInTwilioAndNotSentAgain() {
        String to = "+5511912340170";
        OutboundMessage message = message(ProvidersStub.OPEN, to, "a resposta se perdeu", Instant.now());
        String toParam = "whatsapp:" + to;
        ProvidersStub.server.stubFor(post(urlEqualTo(ProvidersStub.MESSAGES)).atPriority(1)
                .withRequestBody(containing("To=whatsapp%3A%2B5511912340170"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        ProvidersStub.server.stubFor(get(urlPathEqualTo(ProvidersStub.MESSAGES)).atPriority(1)
                .withQueryParam("To", equalTo(toParam)).withQueryParam("From", equalTo("whatsapp:+5511999990000"))
                .willReturn(ProvidersStub.page(
                        ProvidersStub.listed("SM" + "b".repeat(32), to, "outro texto", Instant.now().plusSeconds(1)),
                        ProvidersStub.listed("SM" + "a".repeat(32), to, "a resposta se perdeu", Instant.now()),
                        ProvidersStub.listed("SM" + "0".repeat(32), to, "a resposta se perdeu",
                                Instant.now().minus(Duration.ofHours(2))))));

        publish(message);

        await().atMost(Duration.ofSeconds(20)).until(() -> statusesOf(message.eventId()).size() == 1);
        DeliveryStatus status = statusesOf(message.eventId()).get(0);
        assertThat(status.state()).isEqualTo(DeliveryStatus.State.QUEUED);
        assertThat(status.providerMessageId()).isEqualTo("SM" + "a".repeat(32));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(22)).until(() -> sendsTo(to).size() == 1);
    }

    /** The answer was lost and Twilio's list shows the message never got there: the retry sends it. */
    @Test
    void aSendThatNeverReachedTwilioIsSentAgain() {
        String to = "+5511912340171";
        OutboundMessage message = message(ProvidersStub.OPEN, to, "nunca chegou", Instant.now());
        ProvidersStub.server.stubFor(post(urlEqualTo(ProvidersStub.MESSAGES)).atPriority(1)
                .withRequestBody(containing("To=whatsapp%3A%2B5511912340171"))
                .inScenario("never reached").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("up")
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        publish(message);

        await().atMost(Duration.ofSeconds(20)).until(() -> statusesOf(message.eventId()).size() == 1);
        assertThat(statusesOf(message.eventId()).get(0).state()).isEqualTo(DeliveryStatus.State.QUEUED);
        assertThat(sendsTo(to)).hasSize(2);
        assertThat(ProvidersStub.server.findAll(getRequestedFor(urlPathEqualTo(ProvidersStub.MESSAGES))
                .withQueryParam("To", equalTo("whatsapp:" + to)))).isNotEmpty();
    }

    /**
     * Our clock said the window was open, Twilio refuses the free text at once with 63016: the approved template goes
     * out instead (reported as such, for the bridge to hold the text); without a template, WINDOW_CLOSED.
     */
    @Test
    void anImmediate63016SendsTheTemplateOrReportsTheClosedWindow() {
        String to = ProvidersStub.WINDOW_CLOSED_AT_TWILIO;
        OutboundMessage withTemplate = message(ProvidersStub.TEMPLATE, to, "resposta livre", Instant.now());
        OutboundMessage without = message(ProvidersStub.OPEN, to, "outra resposta livre", Instant.now());

        publish(withTemplate, without);

        await().atMost(Duration.ofSeconds(20)).until(() -> statusesOf(withTemplate.eventId()).size() == 1
                && statusesOf(without.eventId()).size() == 1);
        DeliveryStatus templated = statusesOf(withTemplate.eventId()).get(0);
        assertThat(templated.state()).isEqualTo(DeliveryStatus.State.QUEUED);
        assertThat(templated.sentAs()).isEqualTo(DeliveryStatus.SENT_AS_TEMPLATE);
        DeliveryStatus refused = statusesOf(without.eventId()).get(0);
        assertThat(refused.state()).isEqualTo(DeliveryStatus.State.FAILED);
        assertThat(refused.errorCode()).isEqualTo(DeliveryStatus.WINDOW_CLOSED);
        assertThat(sendsTo(to)).extracting(LoggedRequest::getBodyAsString)
                .anyMatch(body -> body.contains("ContentSid=" + ProvidersStub.CONTENT_SID));
    }

    /** Outside the window the purpose's own template goes out, its variables filled as configured; others the single. */
    @Test
    void outsideTheWindowThePurposesTemplateIsFilledFromTheMessage() {
        String to = "+5511912340105";
        Instant old = Instant.now().minus(Duration.ofHours(26));
        OutboundMessage answer = new OutboundMessage(UUID.randomUUID(), Event.SCHEMA_VERSION, Instant.now(),
                ProvidersStub.PURPOSES, Channel.WHATSAPP_TWILIO, "SM-purpose", OutboundMessage.Purpose.ATTENDANT_ANSWER,
                new Participant(to, "Maria", null, to), "Reiniciamos o servidor, pode testar?", List.of(), "4521", old,
                Map.of("1", "4521"));
        OutboundMessage notice = new OutboundMessage(UUID.randomUUID(), Event.SCHEMA_VERSION, Instant.now(),
                ProvidersStub.PURPOSES, Channel.WHATSAPP_TWILIO, "SM-purpose", OutboundMessage.Purpose.TICKET_NOTICE,
                new Participant(to, "Maria", null, to), "Seu chamado foi resolvido", List.of(), "4521", old,
                Map.of("1", "4521"));

        // an attendant's first contact: the person never wrote, the contact template goes out
        OutboundMessage contact = new OutboundMessage(UUID.randomUUID(), Event.SCHEMA_VERSION, Instant.now(),
                ProvidersStub.PURPOSES, Channel.WHATSAPP_TWILIO, "contact-4521", OutboundMessage.Purpose.AGENT_CONTACT,
                new Participant(to, "Maria", null, to), "Olá! Sobre o chamado 4521", List.of(), "4521", Instant.EPOCH,
                Map.of("1", "4521"));

        publish(answer, notice, contact);

        await().atMost(Duration.ofSeconds(20)).until(() -> sendsTo(to).size() == 3);
        String first = java.net.URLDecoder.decode(sendsTo(to).get(0).getBodyAsString(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(first).contains("ContentSid=" + ProvidersStub.ANSWER_SID)
                .contains("ContentVariables={\"1\":\"4521\",\"2\":\"Reiniciamos…\",\"3\":\"Maria\"}")
                .doesNotContain("Body=");
        String second = java.net.URLDecoder.decode(sendsTo(to).get(1).getBodyAsString(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(second).contains("ContentSid=" + ProvidersStub.CONTENT_SID).contains("ContentVariables={\"1\":\"4521\"}");
        String third = java.net.URLDecoder.decode(sendsTo(to).get(2).getBodyAsString(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(third).contains("ContentSid=" + ProvidersStub.CONTACT_SID)
                .contains("ContentVariables={\"1\":\"Maria\",\"2\":\"4521\"}");
    }
}
