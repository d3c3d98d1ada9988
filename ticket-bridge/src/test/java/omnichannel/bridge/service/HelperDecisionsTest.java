package omnichannel.bridge.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import omnichannel.bridge.Conversation;
import omnichannel.events.Channel;
import omnichannel.platform.messaging.PermanentFailure;

/** The Helper phase's pure decisions, without Quarkus or servers: a typed number as a button, the 4biz parameters. */
class HelperDecisionsTest {

    @Test
    void aNumberNamingOneOfTheLastButtonsIsThatButtonsPayloadAndAnythingElseIsSentAsTyped() {
        Conversation conversation = new Conversation("int-1:+5511900000001", "int-1", Channel.WHATSAPP_TWILIO,
                "+5511900000001");
        conversation.botOptions(List.of("segunda_via", "falar_com_financeiro", "encerrar"));

        assertThat(HelperConversation.optionPayload(conversation, "1")).isEqualTo("segunda_via");
        assertThat(HelperConversation.optionPayload(conversation, "3")).isEqualTo("encerrar");
        assertThat(HelperConversation.optionPayload(conversation, "0")).isEqualTo("0");
        assertThat(HelperConversation.optionPayload(conversation, "4")).isEqualTo("4");
        assertThat(HelperConversation.optionPayload(conversation, "1000")).isEqualTo("1000");
        assertThat(HelperConversation.optionPayload(conversation, "1 por favor")).isEqualTo("1 por favor");
        assertThat(HelperConversation.optionPayload(conversation, "")).isEmpty();

        conversation.botOptions(List.of());
        assertThat(HelperConversation.optionPayload(conversation, "1")).as("no buttons offered").isEqualTo("1");
    }

    @Test
    void interceptionNeedsBothTheBotsAddressAndItsFallbackMessage() {
        Map<Integer, String> values = new HashMap<>(Map.of(Parameters.HELPER_CONVERSATION_URL,
                "https://helper.example.com/conversation", Parameters.HELPER_FALLBACK_MESSAGE, "Não entendi."));
        HelperConversation.HelperParameters parameters = HelperConversation.helperParameters(values);
        assertThat(parameters.url()).isEqualTo("https://helper.example.com/conversation");
        assertThat(parameters.fallback()).isEqualTo("Não entendi.");

        values.put(Parameters.HELPER_FALLBACK_MESSAGE, "  ");
        assertThatThrownBy(() -> HelperConversation.helperParameters(values)).isInstanceOf(PermanentFailure.class)
                .hasMessageContaining("441 and 453");
        values.remove(Parameters.HELPER_FALLBACK_MESSAGE);
        assertThatThrownBy(() -> HelperConversation.helperParameters(values)).isInstanceOf(PermanentFailure.class);
        assertThatThrownBy(() -> HelperConversation.helperParameters(Map.of(Parameters.HELPER_FALLBACK_MESSAGE, "x")))
                .isInstanceOf(PermanentFailure.class);
    }
}
