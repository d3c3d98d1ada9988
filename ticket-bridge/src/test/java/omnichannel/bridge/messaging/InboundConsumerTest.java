package omnichannel.bridge.messaging;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static omnichannel.bridge.BridgeKafka.inbound;
import static omnichannel.bridge.BridgeKafka.on;
import static omnichannel.bridge.BridgeKafka.publish;
import static omnichannel.bridge.BridgeKafka.sentTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import omnichannel.bridge.FourBizStub;
import omnichannel.events.InboundMessage;
import omnichannel.events.OutboundMessage;
import omnichannel.events.Topics;
import omnichannel.testing.KafkaTestResource;
import omnichannel.testing.OidcTestResource;
import omnichannel.testing.PostgresTestResource;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "bridge"))
@QuarkusTestResource(OidcTestResource.class)
@QuarkusTestResource(FourBizStub.class)
class InboundConsumerTest {

    @Test
    void createsRequesterAndTicketWithTheInteractionsDefaultsAndAcknowledgesIt() {
        InboundMessage message = inbound("+5511912349001", "impressora parada");

        publish(message);

        List<ConsumerRecord<String, String>> acks = await().atMost(Duration.ofSeconds(20))
                .until(() -> on(Topics.OUTBOUND_WHATSAPP, message.correlationId()), list -> !list.isEmpty());
        OutboundMessage ack = omnichannel.events.json.EventJson.read(acks.get(0).value().getBytes(),
                OutboundMessage.class);
        assertThat(ack.text()).contains("4521").contains("Maria");
        assertThat(ack.purpose()).isEqualTo(OutboundMessage.Purpose.TICKET_ACKNOWLEDGEMENT);
        // keyed by the sending account: one channel-service pod owns a sender and its rate
        assertThat(acks.get(0).key()).isEqualTo(FourBizStub.INTERACTION);
        assertThat(ack.conversationKey()).isEqualTo(FourBizStub.INTERACTION + ":+5511912349001");

        var creates = FourBizStub.server.findAll(postRequestedFor(urlEqualTo("/4biz/services/request/create"))
                .withRequestBody(containing("impressora parada")));
        assertThat(creates).hasSize(1);
        assertThat(creates.get(0).getBodyAsString()).contains("\"userID\":\"whatsapp_5511912349001\"")
                .contains("\"service\":{\"code\":\"170\"}").contains("\"synchronize\":true")
                .contains("\"contact\":{\"name\":\"Maria\",\"phoneNumber\":\"+5511912349001\"")
                .contains("\"contractID\":\"1\"").contains("\"numberOrigin\":\"OCT-")
                .contains("\"sessionID\":\"s-1\"").contains("Mensagem recebida por WhatsApp de Maria")
                .as("the origin has no documented field: 4biz sets it").doesNotContain("\"origin\"");
        // the employee web service this 4biz has (an optional capability) places the requester in the defaults
        assertThat(FourBizStub.server.findAll(postRequestedFor(urlEqualTo("/4biz/services/employee/synchronize"))
                .withRequestBody(containing("whatsapp_5511912349001"))).get(0).getBodyAsString())
                .contains("\"unitId\":12").contains("\"groupIds\":[3]").contains("\"name\":\"Maria\"");
    }

    @Test
    void theSameMessageTwiceMakesOneTicketAndTheNextMessageAFollowUpOnIt() {
        String person = "+5511912349004";
        InboundMessage first = inbound(person, "primeira mensagem repetida");
        InboundMessage second = inbound(person, "segunda mensagem");

        publish(first);
        publish(first);
        publish(second);

        await().atMost(Duration.ofSeconds(20)).until(() -> !FourBizStub.server.findAll(
                postRequestedFor(urlEqualTo("/4biz/services/request/createOccurrence"))
                        .withRequestBody(containing("segunda mensagem")))
                .isEmpty());
        assertThat(FourBizStub.server.findAll(postRequestedFor(urlEqualTo("/4biz/services/request/create"))
                .withRequestBody(containing("primeira mensagem repetida")))).hasSize(1);
        assertThat(FourBizStub.server.findAll(postRequestedFor(urlEqualTo("/4biz/services/request/create"))
                .withRequestBody(containing("segunda mensagem")))).isEmpty();
        var followUps = FourBizStub.server.findAll(postRequestedFor(
                urlEqualTo("/4biz/services/request/createOccurrence")).withRequestBody(containing("segunda mensagem")));
        assertThat(followUps).hasSize(1);
        assertThat(followUps.get(0).getBodyAsString()).contains("\"requestNumber\":\"4521\"")
                .contains("\"numberOrigin\":\"OCF-").contains("\"category\":{\"code\":\"Acompanhamento\"}");
        // one acknowledgement, for the ticket; a follow-up is not acknowledged
        assertThat(sentTo(person)).extracting(OutboundMessage::purpose)
                .containsExactly(OutboundMessage.Purpose.TICKET_ACKNOWLEDGEMENT);
    }

    @Test
    void retriesThrough4bizOutagesAndTheMessageLandsWithNothingDeadLettered() {
        InboundMessage message = inbound("+5511912349002", FourBizStub.FLAKY_TEXT);

        publish(message);

        await().atMost(Duration.ofSeconds(30)).until(() -> !on(Topics.OUTBOUND_WHATSAPP, message.correlationId()).isEmpty());
        assertThat(on(Topics.deadLetter(Topics.INBOUND), message.correlationId())).isEmpty();
        assertThat(FourBizStub.server.findAll(postRequestedFor(urlEqualTo("/4biz/services/request/create"))
                .withRequestBody(containing(FourBizStub.FLAKY_TEXT)))).hasSize(3);
    }

    @Test
    void aPermanentRejectionIsDeadLetteredWithItsReasonAndTheConversationGoesOn() {
        InboundMessage rejected = inbound("+5511912349003", FourBizStub.REJECTED_TEXT);
        InboundMessage next = inbound("+5511912349003", "mensagem seguinte");

        publish(rejected);
        publish(next);

        List<ConsumerRecord<String, String>> dead = await().atMost(Duration.ofSeconds(30))
                .until(() -> on(Topics.deadLetter(Topics.INBOUND), rejected.correlationId()), list -> !list.isEmpty());
        String reason = new String(dead.get(0).headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8);
        assertThat(reason).contains("INPUT").contains("unknown activity");
        await().atMost(Duration.ofSeconds(20)).until(() -> !on(Topics.OUTBOUND_WHATSAPP, next.correlationId()).isEmpty());
        assertThat(FourBizStub.server.findAll(postRequestedFor(urlEqualTo("/4biz/services/request/create"))
                .withRequestBody(containing(FourBizStub.REJECTED_TEXT))).size()).isLessThanOrEqualTo(3);
    }

    /**
     * A 4biz without the operation (a servlet container's plain 404 page, no 4biz error body): the message ends at
     * once, dead-lettered with 4biz's answer, instead of waiting forever behind an "outage"; the person's next message
     * gets its ticket, and the 404 does not count toward the 4biz breaker.
     */
    @Test
    void aRequiredOperationAnswering404DeadLettersThatMessageAtOnceAndTheNextOneGetsItsTicket() {
        String person = "+5511912349012";
        InboundMessage absent = inbound(person, FourBizStub.ABSENT_OPERATION_TEXT);
        InboundMessage next = inbound(person, "depois da operacao inexistente");

        publish(absent);
        publish(next);

        List<ConsumerRecord<String, String>> dead = await().atMost(Duration.ofSeconds(20))
                .until(() -> on(Topics.deadLetter(Topics.INBOUND), absent.correlationId()), list -> !list.isEmpty());
        assertThat(new String(dead.get(0).headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                .contains("4biz request/create answered HTTP 404");
        // never retried (under /webmvc/services at most once, when /services had not answered this operation before)
        assertThat(FourBizStub.server.findAll(postRequestedFor(urlEqualTo("/4biz/services/request/create"))
                .withRequestBody(containing(FourBizStub.ABSENT_OPERATION_TEXT)))).hasSize(1);
        assertThat(FourBizStub.server.findAll(postRequestedFor(urlEqualTo("/4biz/webmvc/services/request/create"))
                .withRequestBody(containing(FourBizStub.ABSENT_OPERATION_TEXT)))).hasSizeLessThanOrEqualTo(1);
        await().atMost(Duration.ofSeconds(20)).until(() -> !on(Topics.OUTBOUND_WHATSAPP, next.correlationId()).isEmpty());
        assertThat(on(Topics.deadLetter(Topics.INBOUND), next.correlationId())).isEmpty();
    }

    @Test
    void aFollowUpRefusedBecauseTheTicketClosedBetweenPollsOpensANewTicket() {
        String person = "+5511912349010";
        InboundMessage first = inbound(person, FourBizStub.CLOSING_TEXT);
        publish(first);
        await().atMost(Duration.ofSeconds(20)).until(() -> !on(Topics.OUTBOUND_WHATSAPP, first.correlationId()).isEmpty());

        InboundMessage after = inbound(person, FourBizStub.AFTER_CLOSE_TEXT + " nova pergunta");
        publish(after);

        List<ConsumerRecord<String, String>> acks = await().atMost(Duration.ofSeconds(30))
                .until(() -> on(Topics.OUTBOUND_WHATSAPP, after.correlationId()), list -> !list.isEmpty());
        assertThat(acks.get(0).value()).contains(FourBizStub.AFTER_CLOSE_TICKET);
        // one ticket: the answer poller may close the conversation concurrently, and the consumer's retry then repeats
        // the creation with the same numberOrigin, which 4biz recognises
        assertThat(FourBizStub.server.findAll(postRequestedFor(urlEqualTo("/4biz/services/request/create"))
                .withRequestBody(containing(FourBizStub.AFTER_CLOSE_TEXT))).stream()
                .map(r -> r.getBodyAsString().replaceAll("(?s).*\"numberOrigin\":\"([^\"]+)\".*", "$1")).distinct())
                .hasSize(1);
        assertThat(on(Topics.deadLetter(Topics.INBOUND), after.correlationId())).isEmpty();
    }

    @Test
    void aFollowUpRefusedOnAnOpenTicketIsDeadLetteredAloneAndTheNextOneLands() {
        String person = "+5511912349011";
        InboundMessage first = inbound(person, "abre o chamado");
        InboundMessage refused = inbound(person, FourBizStub.REFUSED_FOLLOW_UP_TEXT);
        InboundMessage next = inbound(person, "acompanhamento seguinte");
        publish(first);
        publish(refused);
        publish(next);

        List<ConsumerRecord<String, String>> dead = await().atMost(Duration.ofSeconds(30))
                .until(() -> on(Topics.deadLetter(Topics.INBOUND), refused.correlationId()), list -> !list.isEmpty());
        assertThat(new String(dead.get(0).headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                .contains("refused the follow-up on ticket 4521");
        await().atMost(Duration.ofSeconds(20)).until(() -> FourBizStub.server.findAll(
                postRequestedFor(urlEqualTo("/4biz/services/request/createOccurrence"))
                        .withRequestBody(containing("acompanhamento seguinte")))
                .size() == 1);
        assertThat(on(Topics.deadLetter(Topics.INBOUND), next.correlationId())).isEmpty();
    }

    @Test
    void aSenderIdOf300CharactersIsStoredAndAnsweredNotAPoison() {
        // WhatsApp business-scoped ids and usernames are opaque and grow; this one is longer than any column was
        String opaque = "bsuid." + "Ab9".repeat(98);
        InboundMessage message = inbound(opaque, "mensagem de um id longo");

        publish(message);

        await().atMost(Duration.ofSeconds(20)).until(() -> !on(Topics.OUTBOUND_WHATSAPP, message.correlationId()).isEmpty());
        assertThat(opaque).hasSize(300);
        assertThat(on(Topics.deadLetter(Topics.INBOUND), message.correlationId())).isEmpty();
    }

    /**
     * R8 over real Kafka: one conversation 4biz fails for the whole test sits at the head of the partition, and 200
     * other conversations x 5 messages flow past it: every one gets its ticket and acknowledgement; the stuck one is
     * retried, neither answered nor dead-lettered.
     */
    @Test
    void aConversationStuckAtThePartitionsHeadHoldsBackOnlyItself() {
        InboundMessage stuck = inbound(FourBizStub.STUCK_PERSON, "preso na cabeca da particao");
        publish(stuck);
        List<String> people = new java.util.ArrayList<>();
        for (int c = 0; c < 200; c++) {
            people.add("+55119124%05d".formatted(30000 + c));
        }
        long start = System.nanoTime();
        for (int m = 0; m < 5; m++) {
            for (String person : people) {
                publish(inbound(person, "fluxo m" + m));
            }
        }

        // every conversation's last message became its follow-up (counted by numberOrigin: a repeat is the same one)
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> FourBizStub.server
                .findAll(postRequestedFor(urlEqualTo("/4biz/services/request/createOccurrence"))
                        .withRequestBody(containing("fluxo m4")))
                .stream()
                .map(r -> r.getBodyAsString().replaceAll("(?s).*\"numberOrigin\":\"([^\"]+)\".*", "$1"))
                .distinct().count() == people.size());
        System.out.printf("1,000 messages of 200 conversations past a stuck one: %d ms%n",
                (System.nanoTime() - start) / 1_000_000);
        assertThat(on(Topics.OUTBOUND_WHATSAPP, stuck.correlationId())).isEmpty();
        assertThat(on(Topics.deadLetter(Topics.INBOUND), stuck.correlationId())).isEmpty();
        assertThat(FourBizStub.server.findAll(postRequestedFor(urlEqualTo("/4biz/services/request/create"))
                .withRequestBody(containing("whatsapp_" + FourBizStub.STUCK_PERSON.substring(1))))).hasSizeGreaterThan(1);
    }
}
