package omnichannel.whatsapp.messaging;

import static omnichannel.whatsapp.messaging.OutboundConsumerTest.message;
import static omnichannel.whatsapp.messaging.OutboundConsumerTest.publish;
import static omnichannel.whatsapp.messaging.OutboundConsumerTest.sendsTo;
import static omnichannel.whatsapp.messaging.OutboundConsumerTest.statusesOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import omnichannel.events.Channel;
import omnichannel.events.DeliveryStatus;
import omnichannel.events.Event;
import omnichannel.events.OutboundMessage;
import omnichannel.events.Topics;
import omnichannel.events.TwilioStatusCallback;
import omnichannel.events.json.EventJson;
import omnichannel.testing.KafkaTestResource;
import omnichannel.testing.PostgresTestResource;
import omnichannel.testing.SharedInfrastructure;
import omnichannel.whatsapp.ProvidersStub;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "whatsapp"))
@QuarkusTestResource(omnichannel.testing.OidcTestResource.class)
@QuarkusTestResource(ProvidersStub.class)
class StatusCallbackConsumerTest {

    /** Sends a message and returns Twilio's sid for it. */
    static String sent(String interaction, String to) {
        OutboundMessage message = message(interaction, to, "Olá", Instant.now());
        publish(message);
        await().atMost(Duration.ofSeconds(20)).until(() -> statusesOf(message.eventId()).size() == 1);
        return statusesOf(message.eventId()).get(0).providerMessageId();
    }

    static void callback(String interaction, String sid, String to, DeliveryStatus.State state, String code) {
        TwilioStatusCallback status = new TwilioStatusCallback(UUID.randomUUID(), Event.SCHEMA_VERSION, Instant.now(),
                interaction, Channel.WHATSAPP_TWILIO, sid, sid, to, state, code, code == null ? null : "error " + code);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                SharedInfrastructure.kafka().bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.WHATSAPP_STATUS, status.conversationKey(), EventJson.write(status)));
        }
    }

    static String statusOf(String sid) {
        return SharedInfrastructure.postgres().query("whatsapp", connection -> {
            try (ResultSet rs = connection.createStatement()
                    .executeQuery("select status from sent_message where provider_message_id = '" + sid + "'")) {
                return rs.next() ? rs.getString(1) : null;
            }
        });
    }

    static List<String> historyOf(String sid) {
        return SharedInfrastructure.postgres().query("whatsapp", connection -> {
            List<String> history = new ArrayList<>();
            try (ResultSet rs = connection.createStatement().executeQuery(
                    "select status from message_status where provider_message_id = '" + sid + "' order by id")) {
                while (rs.next()) {
                    history.add(rs.getString(1));
                }
            }
            return history;
        });
    }

    @Test
    void outOfOrderCallbacksKeepTheFurthestStatusAndTheWholeHistory() {
        String to = "+5511912340201";
        String sid = sent(ProvidersStub.OPEN, to);

        callback(ProvidersStub.OPEN, sid, to, DeliveryStatus.State.READ, null);
        callback(ProvidersStub.OPEN, sid, to, DeliveryStatus.State.SENT, null);
        callback(ProvidersStub.OPEN, sid, to, DeliveryStatus.State.DELIVERED, null);

        await().atMost(Duration.ofSeconds(15)).until(() -> historyOf(sid).size() == 3);
        assertThat(historyOf(sid)).containsExactly("READ", "SENT", "DELIVERED");
        assertThat(statusOf(sid)).isEqualTo("READ");
    }

    @Test
    void aLate63016SendsTheApprovedTemplateInsteadReportedAsTheOriginalMessagesResult() {
        String to = "+5511912340202";
        OutboundMessage message = message(ProvidersStub.TEMPLATE, to, "Olá", Instant.now());
        publish(message);
        await().atMost(Duration.ofSeconds(20)).until(() -> statusesOf(message.eventId()).size() == 1);
        String sid = statusesOf(message.eventId()).get(0).providerMessageId();

        callback(ProvidersStub.TEMPLATE, sid, to, DeliveryStatus.State.UNDELIVERED, "63016");

        await().atMost(Duration.ofSeconds(15)).until(() -> sendsTo(to).size() == 2);
        assertThat(sendsTo(to).get(1).getBodyAsString()).contains("ContentSid=" + ProvidersStub.CONTENT_SID);
        assertThat(statusOf(sid)).isEqualTo("UNDELIVERED");
        // the bridge knows the original message only: the template's acceptance is reported as its result
        await().atMost(Duration.ofSeconds(15)).until(() -> statusesOf(message.eventId()).size() == 2);
        DeliveryStatus templated = statusesOf(message.eventId()).get(1);
        assertThat(templated.sentAs()).isEqualTo(DeliveryStatus.SENT_AS_TEMPLATE);
        assertThat(templated.providerMessageId()).isNotEqualTo(sid).startsWith("SM");
    }

    @Test
    void aLate63016WithoutATemplateIsReportedAsWindowClosed() {
        String to = "+5511912340203";
        OutboundMessage message = message(ProvidersStub.OPEN, to, "Olá", Instant.now());
        publish(message);
        await().atMost(Duration.ofSeconds(20)).until(() -> statusesOf(message.eventId()).size() == 1);
        String sid = statusesOf(message.eventId()).get(0).providerMessageId();

        callback(ProvidersStub.OPEN, sid, to, DeliveryStatus.State.FAILED, "63016");

        await().atMost(Duration.ofSeconds(15)).until(() -> statusesOf(message.eventId()).size() == 2);
        assertThat(statusesOf(message.eventId())).extracting(DeliveryStatus::errorCode).contains("WINDOW_CLOSED");
        assertThat(sendsTo(to)).hasSize(1);
    }
}
