package omnichannel.whatsapp.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import omnichannel.events.Channel;
import omnichannel.events.Event;
import omnichannel.events.OutboundMessage;
import omnichannel.events.OutboundMessage.Purpose;
import omnichannel.events.Participant;

/** What a template's variables can carry, read from the message alone (no Quarkus, no servers). */
class TemplateFieldsTest {

    private static OutboundMessage message(String displayName, String text, String ticket, Map<String, String> vars) {
        return new OutboundMessage(UUID.randomUUID(), Event.SCHEMA_VERSION, Instant.now(), "int-1",
                Channel.WHATSAPP_TWILIO, "corr-1", Purpose.ATTENDANT_ANSWER,
                new Participant("+5511900000001", displayName, null, null), text,
                text.isEmpty() ? List.of("https://media.example.com/foto.jpg") : List.of(), ticket, null, vars);
    }

    @Test
    void theBridgesNumberedVariablesComeFirstThenTheTicketThePersonAndTheAnswer() {
        Map<String, String> fields = OutboundService.templateFields(
                message("Joana", "Seu notebook está pronto", "4711", Map.of("1", "4711", "2", "Resolvido")));

        assertThat(fields).containsEntry("1", "4711").containsEntry("2", "Resolvido")
                .containsEntry("ticketNumber", "4711").containsEntry("personName", "Joana")
                .containsEntry("answerExcerpt", "Seu notebook está pronto");
    }

    @Test
    void aVariableTheBridgeNamedIsNotOverwrittenAndMissingValuesAreEmptyNotNull() {
        Map<String, String> fields = OutboundService.templateFields(
                message(null, "", null, Map.of("personName", "Sra. Lima")));

        assertThat(fields).containsEntry("personName", "Sra. Lima").containsEntry("answerExcerpt", "")
                .doesNotContainKey("ticketNumber");
        assertThat(OutboundService.templateFields(message(null, "oi", null, Map.of())))
                .containsEntry("personName", "");
    }

    @Test
    void aLongAnswerIsCutToWhatATwilioVariableTakes() {
        String answer = "a".repeat(1500);
        Map<String, String> fields = OutboundService.templateFields(message("Joana", answer, "1", Map.of()));

        assertThat(fields.get("answerExcerpt")).hasSize(1000).isEqualTo(answer.substring(0, 1000));
        assertThat(OutboundService.templateFields(message("Joana", "b".repeat(1000), "1", Map.of()))
                .get("answerExcerpt")).hasSize(1000);
    }
}
