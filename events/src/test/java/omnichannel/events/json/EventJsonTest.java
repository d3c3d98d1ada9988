package omnichannel.events.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import omnichannel.events.Attachment;
import omnichannel.events.Channel;
import omnichannel.events.DeliveryStatus;
import omnichannel.events.Event;
import omnichannel.events.InboundMessage;
import omnichannel.events.InteractionChanged;
import omnichannel.events.Location;
import omnichannel.events.OutboundMessage;
import omnichannel.events.Participant;
import omnichannel.events.QuickReply;
import omnichannel.events.TwilioStatusCallback;

class EventJsonTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:15:30.123Z");

    static InboundMessage inbound() {
        return new InboundMessage(UUID.randomUUID(), Event.SCHEMA_VERSION, NOW, "int-1", Channel.WHATSAPP_TWILIO,
                "SM123", "SM123", new Participant("+5511912345678", "Maria", "5511912345678", "+5511912345678"),
                "+5511999990000", "Olá, preciso de ajuda", List.of(new Attachment("https://media/1", "image/jpeg")),
                new Location(-23.5, -46.6, "Av. Paulista", "Escritório"), new QuickReply("Sim", "yes"), "SM000",
                true, false, NOW, Map.of("Body", List.of("Olá, preciso de ajuda")));
    }

    /** A fuzzer's finding: a NUL in a message or a name made every bridge insert fail (PostgreSQL text refuses it). */
    @Test
    void aNulCharacterInTheTextOrTheSendersNamesIsDroppedAndTheMessageKept() {
        InboundMessage message = new InboundMessage(UUID.randomUUID(), Event.SCHEMA_VERSION, NOW, "int-1",
                Channel.WHATSAPP_TWILIO, "SM124", "SM124", new Participant("+5511912345678", "Ma\u0000ria", "ma\u0000",
                        null),
                "+5511999990000", "Ol\u0000á", List.of(), null, null, null, false, false, NOW, Map.of());

        assertThat(message.text()).isEqualTo("Olá");
        assertThat(message.sender().displayName()).isEqualTo("Maria");
        assertThat(message.sender().handle()).isEqualTo("ma");
    }

    @Test
    void inboundMessageSurvivesTheRoundTrip() {
        InboundMessage message = inbound();

        InboundMessage read = EventJson.read(EventJson.write(message), InboundMessage.class);

        assertThat(read).isEqualTo(message);
        assertThat(read.conversationKey()).isEqualTo("int-1:+5511912345678");
    }

    @Test
    void outboundAndDeliveryAndInteractionEventsSurviveTheRoundTrip() {
        OutboundMessage outbound = new OutboundMessage(UUID.randomUUID(), 1, NOW, "int-1", Channel.TWITTER_DM, "dm-1",
                OutboundMessage.Purpose.TICKET_ACKNOWLEDGEMENT, new Participant("42", null, "maria", null), "Chamado 4521",
                List.of(), "4521", NOW, Map.of("1", "4521"));
        DeliveryStatus status = new DeliveryStatus(UUID.randomUUID(), 1, NOW, "int-1", Channel.WHATSAPP_TWILIO, "SM1",
                UUID.randomUUID(), "SM9", "+5511912345678", DeliveryStatus.State.FAILED, "63016", "window closed",
                null);
        InteractionChanged changed = new InteractionChanged(UUID.randomUUID(), 1, NOW, "int-1", Channel.WHATSAPP_TWILIO,
                "int-1", InteractionChanged.Change.UPDATED, "Suporte", true, 3);

        assertThat(EventJson.read(EventJson.write(outbound), OutboundMessage.class)).isEqualTo(outbound);
        assertThat(EventJson.read(EventJson.write(status), DeliveryStatus.class)).isEqualTo(status);
        assertThat(EventJson.read(EventJson.write(changed), InteractionChanged.class)).isEqualTo(changed);
    }

    @Test
    void aStatusCallbackIsReadFromItsOwnJsonAndFromTheDeliveryStatusThisTopicCarriedBefore() {
        TwilioStatusCallback callback = new TwilioStatusCallback(UUID.randomUUID(), 1, NOW, "int-1",
                Channel.WHATSAPP_TWILIO, "SM9", "SM9", "+5511912345678", DeliveryStatus.State.DELIVERED, null, null);
        assertThat(EventJson.read(EventJson.write(callback), TwilioStatusCallback.class)).isEqualTo(callback);

        // written by a gateway of the previous version: a DeliveryStatus without our event id
        String before = "{\"eventId\":\"" + callback.eventId()
                + "\",\"schemaVersion\":1,\"occurredAt\":\"2026-11-21T10:15:30.123Z\","
                + "\"interactionId\":\"int-1\",\"channel\":\"WHATSAPP_TWILIO\",\"correlationId\":\"SM9\",\"outboundEventId\":null,"
                + "\"providerMessageId\":\"SM9\",\"recipientId\":\"+5511912345678\",\"state\":\"DELIVERED\",\"errorCode\":null,"
                + "\"errorMessage\":null,\"sentAs\":null}";
        assertThat(EventJson.read(before.getBytes(StandardCharsets.UTF_8), TwilioStatusCallback.class)).isEqualTo(callback);
    }

    @Test
    void aDeliveryResultNamesTheMessageItReportsOn() {
        assertThatThrownBy(() -> new DeliveryStatus(UUID.randomUUID(), 1, NOW, "int-1", Channel.WHATSAPP_TWILIO, "SM1",
                null, "SM9", "+5511912345678", DeliveryStatus.State.FAILED, "63016", "window closed", null))
                .hasMessageContaining("outboundEventId");
    }

    @Test
    void writesInstantsAsIsoText() {
        String json = new String(EventJson.write(inbound()), StandardCharsets.UTF_8);

        assertThat(json).contains("\"occurredAt\":\"2026-11-21T10:15:30.123Z\"").contains("\"schemaVersion\":1");
    }

    @Test
    void toleratesUnknownFields() {
        String json = new String(EventJson.write(inbound()), StandardCharsets.UTF_8);
        String withExtra = json.replaceFirst("\\{", "{\"addedInV2\":{\"x\":1},");

        InboundMessage read = EventJson.read(withExtra.getBytes(StandardCharsets.UTF_8), InboundMessage.class);

        assertThat(read.providerMessageId()).isEqualTo("SM123");
    }

    @Test
    void rejectsAMissingRequiredFieldNamingIt() {
        String json = new String(EventJson.write(inbound()), StandardCharsets.UTF_8);
        String withoutInteraction = json.replace("\"interactionId\":\"int-1\",", "");

        assertThatThrownBy(() -> EventJson.read(withoutInteraction.getBytes(StandardCharsets.UTF_8), InboundMessage.class))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("interactionId");
    }

    @Test
    void rejectsAMissingSchemaVersion() {
        String json = new String(EventJson.write(inbound()), StandardCharsets.UTF_8);
        String withoutVersion = json.replace("\"schemaVersion\":1,", "");

        assertThatThrownBy(() -> EventJson.read(withoutVersion.getBytes(StandardCharsets.UTF_8), InboundMessage.class))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("schemaVersion");
    }

    @Test
    void rejectsSomethingThatIsNotJson() {
        assertThatThrownBy(() -> EventJson.read("not json".getBytes(StandardCharsets.UTF_8), InboundMessage.class))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("InboundMessage");
    }

    @Test
    void rejectsAnOutboundMessageWithNothingToSend() {
        assertThatThrownBy(() -> new OutboundMessage(UUID.randomUUID(), 1, NOW, "int-1", Channel.WHATSAPP_TWILIO, "SM1",
                OutboundMessage.Purpose.ATTENDANT_ANSWER, new Participant("+551199", null, null, null), "", List.of(),
                null, null, null)).hasMessageContaining("text");
    }

    @Test
    void kafkaSerdesUseTheSameForm() {
        InboundMessage message = inbound();
        byte[] bytes = new EventSerializer().serialize("t", message);

        assertThat(new EventDeserializer.Inbound().deserialize("t", bytes)).isEqualTo(message);
        assertThat(new EventDeserializer.Inbound().deserialize("t", null)).isNull();
    }
}
