package omnichannel.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import omnichannel.events.Attachment;
import omnichannel.events.InboundMessage;
import omnichannel.gateway.rest.BadRequest;

class WhatsAppInboundTest {

    static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

    static Map<String, List<String>> base() {
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("MessageSid", List.of("MM0123456789abcdef0123456789abcdef"));
        params.put("From", List.of("whatsapp:+551187654321"));
        params.put("To", List.of("whatsapp:+5511999990000"));
        params.put("ProfileName", List.of("Maria"));
        params.put("WaId", List.of("551187654321"));
        params.put("NumMedia", List.of("0"));
        params.put("Body", List.of("Olá"));
        return params;
    }

    static Map<String, List<String>> with(String... pairs) {
        Map<String, List<String>> params = base();
        for (int i = 0; i < pairs.length; i += 2) {
            params.put(pairs[i], List.of(pairs[i + 1]));
        }
        return params;
    }

    @Test
    void keepsTextSenderAndEveryRawParameter() {
        Map<String, List<String>> params = with("Unannounced", "new-twilio-field");
        params.put("Repeated", List.of("a", "b"));

        InboundMessage message = WhatsAppInbound.normalise("i1", params, NOW);

        assertThat(message.text()).isEqualTo("Olá");
        assertThat(message.sender().id()).isEqualTo("+5511987654321");
        assertThat(message.sender().phoneNumber()).isEqualTo("+5511987654321");
        assertThat(message.sender().displayName()).isEqualTo("Maria");
        assertThat(message.sender().handle()).isEqualTo("551187654321");
        assertThat(message.recipientId()).isEqualTo("+5511999990000");
        assertThat(message.raw()).containsEntry("Unannounced", List.of("new-twilio-field"))
                .containsEntry("Repeated", List.of("a", "b"));
        assertThat(message.eventId()).isEqualTo(WhatsAppInbound.normalise("i1", params, NOW.plusSeconds(60)).eventId());
    }

    @Test
    void keepsEveryMediaItemWithItsContentType() {
        InboundMessage message = WhatsAppInbound.normalise("i1", with("NumMedia", "2", "Body", "",
                "MediaUrl0", "https://api.twilio.com/media/0", "MediaContentType0", "image/jpeg",
                "MediaUrl1", "https://api.twilio.com/media/1", "MediaContentType1", "application/pdf"), NOW);

        assertThat(message.text()).isEmpty();
        assertThat(message.attachments()).containsExactly(new Attachment("https://api.twilio.com/media/0", "image/jpeg"),
                new Attachment("https://api.twilio.com/media/1", "application/pdf"));
    }

    @Test
    void keepsASharedLocation() {
        InboundMessage message = WhatsAppInbound.normalise("i1", with("Latitude", "-23.5613", "Longitude", "-46.6565",
                "Address", "Av. Paulista, 1000", "Label", "Escritório"), NOW);

        assertThat(message.location().latitude()).isEqualTo(-23.5613);
        assertThat(message.location().longitude()).isEqualTo(-46.6565);
        assertThat(message.location().address()).isEqualTo("Av. Paulista, 1000");
        assertThat(message.location().label()).isEqualTo("Escritório");
    }

    @Test
    void keepsQuickReplyQuotedReplyAndForwardedFlags() {
        InboundMessage message = WhatsAppInbound.normalise("i1", with("ButtonText", "Sim", "ButtonPayload", "confirm-yes",
                "OriginalRepliedMessageSid", "SM111", "Forwarded", "true", "FrequentlyForwarded", "true"), NOW);

        assertThat(message.quickReply().text()).isEqualTo("Sim");
        assertThat(message.quickReply().payload()).isEqualTo("confirm-yes");
        assertThat(message.quotedMessageId()).isEqualTo("SM111");
        assertThat(message.forwarded()).isTrue();
        assertThat(message.frequentlyForwarded()).isTrue();
    }

    @Test
    void keepsABusinessScopedSenderIdOpaque() {
        InboundMessage message = WhatsAppInbound.normalise("i1", with("From", "whatsapp:US.ABC123XYZ"), NOW);

        assertThat(message.sender().id()).isEqualTo("US.ABC123XYZ");
        assertThat(message.sender().phoneNumber()).isNull();
        assertThat(message.conversationKey()).isEqualTo("i1:US.ABC123XYZ");
    }

    @Test
    void rejectsNumMediaThatDoesNotMatchTheParameters() {
        assertThatThrownBy(() -> WhatsAppInbound.normalise("i1", with("NumMedia", "1"), NOW))
                .isInstanceOf(BadRequest.class).hasMessageContaining("MediaUrl0");
        assertThatThrownBy(() -> WhatsAppInbound.normalise("i1", with("NumMedia", "1", "MediaUrl0", "https://m/0",
                "MediaUrl1", "https://m/1"), NOW)).isInstanceOf(BadRequest.class).hasMessageContaining("MediaUrl1");
        assertThatThrownBy(() -> WhatsAppInbound.normalise("i1", with("NumMedia", "9999"), NOW))
                .isInstanceOf(BadRequest.class);
        assertThatThrownBy(() -> WhatsAppInbound.normalise("i1", with("NumMedia", "two"), NOW))
                .isInstanceOf(BadRequest.class);
    }

    @Test
    void rejectsMissingIdentityAndBrokenLocation() {
        Map<String, List<String>> noSid = base();
        noSid.remove("MessageSid");
        assertThatThrownBy(() -> WhatsAppInbound.normalise("i1", noSid, NOW)).hasMessageContaining("MessageSid");
        Map<String, List<String>> noFrom = new LinkedHashMap<>(base());
        noFrom.remove("From");
        assertThatThrownBy(() -> WhatsAppInbound.normalise("i1", noFrom, NOW)).hasMessageContaining("From");
        assertThatThrownBy(() -> WhatsAppInbound.normalise("i1", with("Latitude", "north"), NOW))
                .isInstanceOf(BadRequest.class);
        assertThatThrownBy(() -> WhatsAppInbound.normalise("i1", with("Latitude", "95", "Longitude", "0"), NOW))
                .isInstanceOf(BadRequest.class);
    }

    @Test
    void statusCallbacksMapEveryTwilioStatus() {
        assertThat(new ArrayList<>(List.of("queued", "sending", "sent", "delivered", "read", "undelivered", "failed"))
                .stream().map(WhatsAppStatus::state).map(Enum::name).toList())
                .containsExactly("QUEUED", "SENDING", "SENT", "DELIVERED", "READ", "UNDELIVERED", "FAILED");
        assertThatThrownBy(() -> WhatsAppStatus.state("teleported")).isInstanceOf(BadRequest.class);
    }
}
