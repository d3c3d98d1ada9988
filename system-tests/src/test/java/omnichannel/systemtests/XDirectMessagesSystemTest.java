package omnichannel.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.ResourceLock;

import com.fasterxml.jackson.databind.JsonNode;

import omnichannel.events.Topics;
import omnichannel.infra.KafkaBroker;
import omnichannel.infra.KafkaRecords;
import omnichannel.simulators.identity.Tokens;
import omnichannel.system.DemoInteraction;
import omnichannel.system.DemoXInteraction;
import omnichannel.system.HttpJson;
import omnichannel.system.RunningSystem;
import omnichannel.system.Simulators;
import omnichannel.system.SystemStack;

/**
 * X direct messages over the wire: webhook registration with the simulator's real CRC against our gateway, a DM
 * delivered as a signed webhook event becoming a ticket and an answer DM whose OAuth signature the simulator checks,
 * and DM polling that publishes each DM once across a restart of channel-twitter.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ResourceLock(SharedSystem.LOCK)
class XDirectMessagesSystemTest {

    static RunningSystem system;
    static KafkaBroker kafka;
    static SystemStack stack;
    static Simulators simulators;
    static Tokens tokens;
    static String config;

    @BeforeAll
    static void startTheSystem() {
        system = SharedSystem.get();
        kafka = system.kafka();
        stack = system.stack();
        simulators = system.simulators();
        tokens = system.tokens();
        config = system.configService();
        // the SmartChat parameters, through the WhatsApp demo's helper
        DemoInteraction.create(config, tokens.admin(), "+5511999990201");
    }

    private static JsonNode registration(String interactionId) {
        HttpJson.Reply reply = HttpJson.get(stack.service("channel-twitter").baseUrl() + "/api/v1/twitter/webhooks/"
                + interactionId, Map.of("Authorization", "Bearer " + tokens.viewer()));
        return reply.status() == 200 ? reply.json() : null;
    }

    private static List<JsonNode> sentTo(String person) {
        return Simulators.stream(HttpJson.get(simulators.baseUrl() + "/simulators/x/sent?to=" + person).json()).toList();
    }

    @Test
    @Order(1)
    void aWebhookInteractionIsRegisteredThroughTheCrcAndADmBecomesATicketAndASignedAnswer() {
        DemoXInteraction x = DemoXInteraction.create(config, tokens.admin(), "WEBHOOK");

        JsonNode registered = await().atMost(Duration.ofSeconds(30)).until(() -> registration(x.id()),
                r -> r != null && r.path("subscribed").asBoolean());
        assertThat(registered.path("valid").asBoolean()).isTrue();
        assertThat(registered.path("url").asText()).isEqualTo(x.callbackUrl());

        HttpJson.Reply dm = DemoXInteraction.personWrites(simulators.baseUrl(), "4002", "Joana Lima", "joanalima",
                "Não consigo acessar a VPN");
        assertThat(dm.json().path("deliveredToWebhooks").asInt()).isEqualTo(1);

        JsonNode ticket = await().atMost(Duration.ofSeconds(30)).until(() -> simulators.ticketsOf("twitter_4002"),
                list -> list.size() == 1).get(0);
        assertThat(ticket.path("description").asText()).contains("Não consigo acessar a VPN").contains("X (Twitter)")
                .contains("Joana Lima");
        List<JsonNode> answers = await().atMost(Duration.ofSeconds(30)).until(() -> sentTo("4002"),
                list -> !list.isEmpty());
        assertThat(answers.get(0).path("text").asText()).contains(ticket.path("number").asText());
        assertThat(answers.get(0).path("signatureValid").asBoolean()).isTrue();
        // X echoes our own DM to the webhook: dropped, so no follow-up and no second ticket
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(23)).until(() -> {
            List<JsonNode> tickets = simulators.ticketsOf("twitter_4002");
            return tickets.size() == 1 && tickets.get(0).path("occurrences").isEmpty();
        });

        // an attendant's answer with a photo: a 4biz that serves only what it documents does not say a follow-up has
        // files, so the text goes as a DM and the photo stays on the ticket (the /webmvc read is an optional
        // capability; channel-twitter's own tests upload a linked file as the DM's attachment)
        byte[] photo = new byte[20 * 1024];
        new java.util.Random(7).nextBytes(photo);
        simulators.attendantAttaches(ticket.path("number").asText(), "Foto da configuração", "vpn.png", "image/png",
                photo);
        JsonNode answer = await().atMost(Duration.ofSeconds(30)).until(() -> sentTo("4002").stream()
                .filter(sent -> sent.path("text").asText().equals("Foto da configuração")).toList(),
                list -> !list.isEmpty()).get(0);
        assertThat(answer.has("media")).isFalse();

        HttpJson.Reply recheck = HttpJson.postJson(stack.service("channel-twitter").baseUrl()
                + "/api/v1/twitter/webhooks/" + x.id() + "/crc", "", Map.of("Authorization", "Bearer " + tokens.admin()));
        assertThat(recheck.status()).isEqualTo(200);
        assertThat(recheck.json().path("valid").asBoolean()).isTrue();
    }

    @Test
    @Order(2)
    void aPolledInteractionPublishesEachDmOnceAcrossARestart() {
        DemoXInteraction x = DemoXInteraction.create(config, tokens.admin(), "POLLING");
        // let the first poll set the cursor (polls every second here)
        await().pollDelay(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(5)).until(() -> true);

        DemoXInteraction.personWrites(simulators.baseUrl(), "4003", "Rui Alves", "ruialves", "DM lida por polling");
        await().atMost(Duration.ofSeconds(30)).until(() -> inboundOf(x.id(), "DM lida por polling") == 1);

        stack.killAndRestart("channel-twitter", SharedSystem.READY_TIMEOUT);
        DemoXInteraction.personWrites(simulators.baseUrl(), "4003", "Rui Alves", "ruialves", "outra DM depois do restart");
        await().atMost(Duration.ofSeconds(30)).until(() -> inboundOf(x.id(), "outra DM depois do restart") >= 1);
        // several polls after the restart: each DM is on the topic once
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> true);
        assertThat(inboundOf(x.id(), "DM lida por polling")).isEqualTo(1);
        assertThat(inboundOf(x.id(), "outra DM depois do restart")).isEqualTo(1);
        // and the DMs reach 4biz: the simulated account serves both interactions (the webhook one of the first test
        // gets the same DMs by webhook), so one ticket per interaction, each with the second DM as its follow-up
        await().atMost(Duration.ofSeconds(30)).until(() -> simulators.ticketsOf("twitter_4003").stream()
                .filter(t -> t.path("occurrences").toString().contains("outra DM depois do restart")).count() == 2);
    }

    private static long inboundOf(String interactionId, String text) {
        return KafkaRecords.read(kafka.bootstrapServers(), Topics.INBOUND,
                r -> r.key() != null && r.key().startsWith(interactionId + ":") && r.value().contains(text),
                Duration.ofSeconds(3)).size();
    }
}
