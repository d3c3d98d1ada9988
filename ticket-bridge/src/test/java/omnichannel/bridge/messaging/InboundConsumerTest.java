package omnichannel.bridge.messaging;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import omnichannel.bridge.FourBizStub;
import omnichannel.events.Channel;
import omnichannel.events.Event;
import omnichannel.events.InboundMessage;
import omnichannel.events.OutboundMessage;
import omnichannel.events.Participant;
import omnichannel.events.Topics;
import omnichannel.events.json.EventJson;
import omnichannel.testing.KafkaRecords;
import omnichannel.testing.KafkaTestResource;
import omnichannel.testing.SharedInfrastructure;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(FourBizStub.class)
class InboundConsumerTest {

    static InboundMessage inbound(String from, String text) {
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        return new InboundMessage(UUID.randomUUID(), Event.SCHEMA_VERSION, Instant.now(), FourBizStub.INTERACTION,
                Channel.WHATSAPP_TWILIO, sid, sid, new Participant(from, "Maria", null, from), "+5511999990000", text,
                List.of(), null, null, null, false, false, Instant.now(), Map.of());
    }

    static void publish(InboundMessage message) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                SharedInfrastructure.kafka().bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.INBOUND, message.conversationKey(), EventJson.write(message)));
        }
    }

    static List<ConsumerRecord<String, String>> on(String topic, String text) {
        return KafkaRecords.read(SharedInfrastructure.kafka().bootstrapServers(), topic,
                record -> record.value() != null && record.value().contains(text), Duration.ofSeconds(1));
    }

    @Test
    void createsRequesterAndTicketWithTheInteractionsDefaultsAndAcknowledgesIt() {
        InboundMessage message = inbound("+5511912349001", "impressora parada");

        publish(message);

        List<ConsumerRecord<String, String>> acks = await().atMost(Duration.ofSeconds(20))
                .until(() -> on(Topics.OUTBOUND_WHATSAPP, message.correlationId()), list -> !list.isEmpty());
        OutboundMessage ack = EventJson.read(acks.get(0).value().getBytes(), OutboundMessage.class);
        assertThat(ack.text()).contains("4521").contains("Maria");
        assertThat(ack.purpose()).isEqualTo(OutboundMessage.Purpose.TICKET_ACKNOWLEDGEMENT);
        assertThat(acks.get(0).key()).isEqualTo(FourBizStub.INTERACTION + ":+5511912349001");

        var creates = FourBizStub.server.findAll(postRequestedFor(urlEqualTo("/4biz/services/request/create"))
                .withRequestBody(containing("impressora parada")));
        assertThat(creates).hasSize(1);
        assertThat(creates.get(0).getBodyAsString()).contains("\"userID\":\"whatsapp_5511912349001\"")
                .contains("\"service\":{\"code\":\"170\"}").contains("\"origin\":{\"code\":\"7\"}")
                .contains("\"numberOrigin\":\"OCT-").contains("\"sessionID\":\"s-1\"");
        assertThat(FourBizStub.server.findAll(postRequestedFor(urlEqualTo("/4biz/services/employee/synchronize"))
                .withRequestBody(containing("whatsapp_5511912349001"))).get(0).getBodyAsString())
                .contains("\"unitId\":12").contains("\"groupIds\":[3]");
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
}
