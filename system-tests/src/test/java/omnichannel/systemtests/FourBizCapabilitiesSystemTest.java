package omnichannel.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

import com.fasterxml.jackson.databind.JsonNode;

import omnichannel.system.DemoInteraction;
import omnichannel.system.HttpJson;
import omnichannel.system.RunningSystem;
import omnichannel.system.Simulators;

/**
 * The optional 4biz capabilities, end to end, against a 4biz that has them (the simulator's extended mode) and a bridge
 * configured to use them: the employee web service places a new requester in the interaction's unit and group, the
 * named query finds a colaborador by phone, and the /webmvc attachment read lets an attendant's file reach the person.
 * Its own system: every other system test runs against a 4biz that serves only what it documents.
 */
@ResourceLock(SharedSystem.OWN_SYSTEMS)
class FourBizCapabilitiesSystemTest {

    static RunningSystem system;
    static DemoInteraction interaction;
    static Simulators simulators;

    @BeforeAll
    static void startTheSystem() {
        system = SharedSystem.startOwn("capabilities",
                Map.of("simulators", Map.of("SIMULATORS_FOURBIZ_MODE", "extended"),
                        "ticket-bridge", Map.of("FOURBIZ_CAPABILITIES_REQUESTER_UPSERT", "employee/synchronize",
                                "FOURBIZ_CAPABILITIES_EMPLOYEE_QUERY", "colaboradores_por_telefone",
                                "FOURBIZ_CAPABILITIES_ATTACHMENT_READ",
                                "/webmvc/v1/requests/{ticket}/attachments/{attachment}")));
        simulators = system.simulators();
        interaction = DemoInteraction.create(system.configService(), system.tokens().admin(), "+5511999990301");
    }

    @AfterAll
    static void stop() {
        SharedSystem.close(system, "capabilities");
    }

    /** The connection test reports each capability in use and the unit applied. */
    @Test
    void theConnectionTestReportsTheCapabilitiesInUseAndTheUnitApplied() {
        HttpJson.Reply reply = HttpJson.postJson(system.configService() + "/api/v1/interactions/" + interaction.id()
                + "/verification", "", Map.of("Authorization", "Bearer " + system.tokens().admin()));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("ok").asBoolean()).as(reply.body()).isTrue();
        Map<String, String> details = new java.util.LinkedHashMap<>();
        reply.json().path("steps").forEach(step -> details.put(step.path("name").asText(),
                step.path("detail").asText()));
        assertThat(details.get("4biz (opcional): requester-upsert")).isEqualTo("configurada e em uso");
        assertThat(details.get("4biz (opcional): employee-query")).isEqualTo("configurada e em uso");
        assertThat(details.get("4biz (opcional): attachment-read")).isEqualTo("configurada e em uso");
        assertThat(details.get("4biz: unidade " + DemoInteraction.UNIT)).contains("aplicada aos solicitantes criados");
    }

    @Test
    void aNewRequesterIsPlacedInTheInteractionsUnitAndGroupByTheEmployeeService() {
        String from = "+5511912340021";
        String text = "Minha senha expirou";
        assertThat(interaction.post(DemoInteraction.webhook(DemoInteraction.newMessageSid(), from, "Lia", text)).status())
                .isEqualTo(200);

        JsonNode ticket = await().atMost(Duration.ofSeconds(30))
                .until(() -> simulators.ticketsWith(text), list -> list.size() == 1).get(0);
        assertThat(ticket.path("userID").asText()).isEqualTo("whatsapp_5511912340021");
        JsonNode requester = simulators.employees("whatsapp_5511912340021").get(0);
        assertThat(requester.path("name").asText()).isEqualTo("Lia");
        assertThat(requester.path("unitId").asLong()).isEqualTo(DemoInteraction.UNIT);
        assertThat(requester.path("groupIds")).extracting(JsonNode::asLong).containsExactly(DemoInteraction.GROUP);
    }

    /**
     * A colaborador HR registered in 4biz with the number typed without the ninth digit writes on WhatsApp: the named
     * query finds them, the ticket is theirs, and no requester is made for the number.
     */
    @Test
    void aColaboradorFoundByPhoneThroughTheNamedQueryGetsTheTicket() {
        String from = "+5511987650013";
        simulators.colaborador("carla.dias", "Carla Dias", "(11) 8765-0013");
        String text = "O projetor da sala 2 não liga";

        assertThat(interaction.post(DemoInteraction.webhook(DemoInteraction.newMessageSid(), from, "Carlinha", text))
                .status()).isEqualTo(200);

        JsonNode ticket = await().atMost(Duration.ofSeconds(30))
                .until(() -> simulators.ticketsWith(text), list -> list.size() == 1).get(0);
        assertThat(ticket.path("userID").asText()).isEqualTo("carla.dias");
        assertThat(ticket.path("contactPhone").asText()).isEqualTo(from);
        assertThat(simulators.employees("whatsapp_5511987650013")).isEmpty();
        assertThat(simulators.employees("carla.dias").get(0).path("name").asText()).as("not renamed from WhatsApp")
                .isEqualTo("Carla Dias");
    }

    /**
     * An attendant attaches a PDF to an answer in 4biz: Twilio gets a link to it on the gateway, fetches the file (as
     * Twilio does, once) and gets it byte for byte through 4biz's /webmvc read; the link then opens nothing.
     */
    @Test
    void anAttendantsFileReachesTwilioAsMediaThroughALinkThatOpensOnce() throws Exception {
        String from = "+5511912340012";
        String text = "Preciso do manual da impressora";
        assertThat(interaction.post(DemoInteraction.webhook(DemoInteraction.newMessageSid(), from, "Rui", text)).status())
                .isEqualTo(200);
        String number = await().atMost(Duration.ofSeconds(30))
                .until(() -> simulators.ticketsWith(text), list -> list.size() == 1).get(0).path("number").asText();
        byte[] manual = ("%PDF-1.4\n" + "manual ".repeat(2000) + "\n%%EOF")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);

        simulators.attendantAttaches(number, "Segue o manual.", "manual.pdf", "application/pdf", manual);

        JsonNode sent = await().atMost(Duration.ofSeconds(30)).until(() -> simulators.messagesTo("whatsapp:" + from)
                .stream().filter(m -> m.path("mediaUrls").size() == 1).toList(), list -> list.size() == 1).get(0);
        assertThat(sent.path("body").asText()).isEqualTo("Segue o manual.");
        String link = sent.path("mediaUrls").get(0).asText();
        assertThat(link).startsWith(system.stack().service("webhook-gateway").baseUrl() + "/media/");
        JsonNode fetched = await().atMost(Duration.ofSeconds(15))
                .until(() -> simulators.twilioMediaFetched(sent.path("sid").asText()), list -> !list.isEmpty())
                .get(0);
        assertThat(fetched.path("status").asInt()).isEqualTo(200);
        assertThat(fetched.path("contentType").asText()).isEqualTo("application/pdf");
        assertThat(fetched.path("sha256").asText()).isEqualTo(java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(manual)));
        assertThat(HttpJson.get(link).status()).as("the link works once").isEqualTo(410);
        List<JsonNode> all = simulators.messagesTo("whatsapp:" + from);
        assertThat(all).extracting(m -> m.path("body").asText()).noneMatch(body -> body.contains("veja no chamado"));
    }
}
