package omnichannel.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

import com.fasterxml.jackson.databind.JsonNode;

import omnichannel.events.ConversationKey;
import omnichannel.events.Topics;
import omnichannel.infra.KafkaBroker;
import omnichannel.infra.KafkaRecords;
import omnichannel.system.DemoInteraction;
import omnichannel.system.HttpJson;
import omnichannel.system.RunningSystem;
import omnichannel.system.Simulators;
import omnichannel.system.SystemStack;

/**
 * Conversations over the wire: follow-ups, attendants' answers, resolution, the Helper bot, and the bridge killed in
 * the middle of a stream. Packaged services as processes, real PostgreSQL and Kafka, 4biz, Helper and Twilio played
 * by the simulators. Its own system: it kills, restarts and cuts off what other classes would be using.
 */
@ResourceLock(SharedSystem.OWN_SYSTEMS)
class ConversationSystemTest {

    static RunningSystem system;
    static KafkaBroker kafka;
    static SystemStack stack;
    static Simulators simulators;
    static DemoInteraction interaction;
    static DemoInteraction helperInteraction;

    @BeforeAll
    static void startTheSystem() {
        system = SharedSystem.startOwn("conversations");
        kafka = system.kafka();
        stack = system.stack();
        simulators = system.simulators();
        interaction = DemoInteraction.create(system.configService(), system.tokens().admin(), "+5511999990101");
        helperInteraction = DemoInteraction.createWithHelper(system.configService(), system.tokens().admin(),
                "+5511999990102", simulators.baseUrl());
    }

    @AfterAll
    static void stop() {
        SharedSystem.close(system, "conversations");
    }

    private static void say(DemoInteraction to, String from, String text) {
        int status = to.post(DemoInteraction.webhook(DemoInteraction.newMessageSid(), from, "Maria", text)).status();
        assertThat(status).as("webhook answer").isEqualTo(200);
    }

    private static List<String> bodiesTo(String person) {
        return simulators.messagesTo("whatsapp:" + person).stream().map(m -> m.path("body").asText()).toList();
    }

    private static List<JsonNode> ourFollowUps(JsonNode ticket) {
        return Simulators.stream(ticket.path("occurrences"))
                .filter(o -> o.path("numberOrigin").asText("").startsWith("OCF-")).toList();
    }

    @Test
    void followUpsGoToTheOpenTicketAnswersComeBackOnceAndAResolvedTicketIsRatedAndEndsTheConversation() {
        String person = "+5511912350001";
        String login = "whatsapp_5511912350001";

        say(interaction, person, "Meu notebook não liga");
        JsonNode ticket = await().atMost(Duration.ofSeconds(30)).until(() -> simulators.ticketsOf(login),
                list -> list.size() == 1).get(0);
        String number = ticket.path("number").asText();
        say(interaction, person, "Já tentei outra tomada");
        await().atMost(Duration.ofSeconds(30)).until(() -> ourFollowUps(simulators.ticketsOf(login).get(0)).size() == 1);
        assertThat(ourFollowUps(simulators.ticketsOf(login).get(0)).get(0).path("description").asText())
                .contains("Já tentei outra tomada");

        simulators.attendantWrites(number, "Traga o notebook ao suporte, por favor");
        await().atMost(Duration.ofSeconds(30)).until(() -> bodiesTo(person).contains("Traga o notebook ao suporte, por favor"));
        // the bridge polls every second here: several more rounds must not send it again
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(24)).until(() -> bodiesTo(person).stream()
                .filter("Traga o notebook ao suporte, por favor"::equals).count() == 1);

        simulators.ticketStatus(number, "Resolvida");
        await().atMost(Duration.ofSeconds(30)).until(() -> bodiesTo(person).stream()
                .anyMatch(body -> body.contains("nº " + number + " foi resolvido")));
        await().atMost(Duration.ofSeconds(30)).until(() -> bodiesTo(person).stream()
                .anyMatch(body -> body.contains("de 1 (muito ruim)")));

        // the satisfaction question's answer is written on the resolved ticket and opens nothing
        say(interaction, person, "4");
        await().atMost(Duration.ofSeconds(30)).until(() -> Simulators.stream(simulators.ticketsOf(login).get(0)
                .path("occurrences")).anyMatch(o -> o.path("description").asText().contains("4 de 5")));
        await().atMost(Duration.ofSeconds(30)).until(() -> bodiesTo(person).contains("Obrigado pela sua avaliação!"));
        assertThat(simulators.ticketsOf(login)).hasSize(1);

        say(interaction, person, "Agora é o mouse");
        await().atMost(Duration.ofSeconds(30)).until(() -> simulators.ticketsOf(login).size() == 2);
        assertThat(simulators.ticketsWith("Agora é o mouse")).hasSize(1);
    }

    /**
     * The person's last message is older than WhatsApp's window at Twilio (the simulator is told so): the attendant's
     * answer fails there with 63016, the interaction has no template, so the bridge holds it and says so on the ticket;
     * the person writes again and the answer goes out, once more on the ticket.
     */
    @Test
    void anAnswerTheClosedWindowKeptIsDeliveredWhenThePersonWritesAgain() {
        String person = "+5511912350003";
        String login = "whatsapp_5511912350003";
        String answer = "Sua VPN foi liberada, pode testar";
        say(interaction, person, "Minha VPN caiu");
        String number = await().atMost(Duration.ofSeconds(30)).until(() -> simulators.ticketsOf(login),
                list -> list.size() == 1).get(0).path("number").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> bodiesTo(person).size() == 1);
        simulators.lastInbound("+5511999990101", person, java.time.Instant.now().minus(Duration.ofHours(25)));

        simulators.attendantWrites(number, answer);

        await().atMost(Duration.ofSeconds(30)).until(() -> notesOn(login, "Resposta retida:").size() == 1);
        assertThat(bodiesTo(person).stream().filter(answer::equals)).hasSize(1);

        simulators.lastInbound("+5511999990101", person, java.time.Instant.now());
        say(interaction, person, "Alguma novidade?");

        await().atMost(Duration.ofSeconds(30)).until(() -> notesOn(login, "Resposta retida enviada").size() == 1);
        List<JsonNode> sends = simulators.messagesTo("whatsapp:" + person).stream()
                .filter(m -> answer.equals(m.path("body").asText())).toList();
        assertThat(sends).hasSize(2);
        await().atMost(Duration.ofSeconds(30)).until(() -> callbackStatuses(sends.get(1)).contains("delivered"));
        assertThat(callbackStatuses(sends.get(0))).containsExactly("failed");
        assertThat(simulators.ticketsOf(login)).hasSize(1);
    }

    private static List<String> notesOn(String login, String text) {
        return Simulators.stream(simulators.ticketsOf(login).get(0).path("occurrences"))
                .map(o -> o.path("description").asText()).filter(d -> d.contains(text)).toList();
    }

    private static List<String> callbackStatuses(JsonNode message) {
        return Simulators.stream(HttpJson.get(simulators.baseUrl() + "/simulators/twilio/messages/"
                + message.path("sid").asText() + "/callbacks").json()).map(c -> c.path("status").asText()).toList();
    }

    @Test
    void theHelperBotAnswersFirstAndHandsOverToAnAttendantWithTheConversation() {
        String person = "+5511912350002";
        String login = "whatsapp_5511912350002";

        say(helperInteraction, person, "oi");
        await().atMost(Duration.ofSeconds(30)).until(() -> bodiesTo(person).stream()
                .anyMatch(body -> body.contains("1 - Redefinir senha") && body.contains("2 - Configurar VPN")));
        say(helperInteraction, person, "minha tela ficou azul");
        await().atMost(Duration.ofSeconds(30)).until(() -> bodiesTo(person).stream()
                .anyMatch(
                        body -> body.startsWith(DemoInteraction.HELPER_FALLBACK) && body.contains("1 - Falar com Atendente")));
        assertThat(simulators.ticketsOf(login)).isEmpty();

        say(helperInteraction, person, "1");

        JsonNode ticket = await().atMost(Duration.ofSeconds(30)).until(() -> simulators.ticketsOf(login),
                list -> list.size() == 1).get(0);
        assertThat(ticket.path("description").asText()).contains("Conversa com o Helper")
                .contains("Solicitante: oi").contains("Solicitante: minha tela ficou azul")
                .contains("Helper: " + DemoInteraction.HELPER_FALLBACK);
        await().atMost(Duration.ofSeconds(30)).until(() -> bodiesTo(person).stream()
                .anyMatch(body -> body.contains("nº " + ticket.path("number").asText())));
        assertThat(simulators.helperReceived()).extracting(m -> m.path("message").asText())
                .contains("oi", "minha tela ficou azul").doesNotContain("1");
    }

    /**
     * R3 and R6 together: 50 conversations × 20 messages with 4biz answering in 5–60 ms, and the bridge killed (SIGKILL)
     * while it works through them. Afterwards every conversation has one ticket with its 19 follow-ups in the order
     * they were sent, every person got one acknowledgement, and nothing was dead-lettered.
     */
    @Test
    void theBridgeKilledMidStreamLosesNothingDuplicatesNothingAndKeepsEveryConversationInOrder() {
        int conversations = 50;
        int messages = 20;
        simulators.fourBizLatency(5, 60);
        List<String> people = new ArrayList<>();
        for (int c = 0; c < conversations; c++) {
            people.add("+55119123%05d".formatted(60000 + c));
        }
        CompletableFuture<Void> restart = null;
        try {
            for (int m = 0; m < messages; m++) {
                for (int c = 0; c < conversations; c++) {
                    say(interaction, people.get(c), "c%02d m%02d".formatted(c, m));
                }
                if (m == 4) {
                    // the bridge is busy with the first rounds while the rest keep arriving
                    restart = CompletableFuture
                            .runAsync(() -> stack.killAndRestart("ticket-bridge", SharedSystem.READY_TIMEOUT));
                }
            }
            restart.join();
        } finally {
            simulators.fourBizLatency(0, 0);
        }

        assertOneTicketEachWithItsFollowUpsInOrder(people, messages, "c");
        await().atMost(Duration.ofSeconds(60)).until(() -> people.stream().allMatch(p -> bodiesTo(p).size() == 1));
        // nothing of this interaction (the system is shared: other classes' dead letters are theirs)
        assertThat(KafkaRecords.read(kafka.bootstrapServers(), Topics.deadLetter(Topics.INBOUND),
                r -> ConversationKey.isOf(r.key(), interaction.id()), Duration.ofSeconds(2))).isEmpty();
    }

    /**
     * R3 for a rolling update: 20 conversations x 5 messages while 4biz fails for a few seconds (so records are being
     * retried), and the bridge stopped gracefully (SIGTERM, what Kubernetes sends) and started again mid-stream. What was
     * in flight is finished or left uncommitted for the next start: one ticket per conversation, every follow-up once
     * and in order, nothing dead-lettered.
     */
    @Test
    void aGracefulRestartOfTheBridgeWithRetriesInFlightLosesNothing() {
        int conversations = 20;
        int messages = 5;
        List<String> people = new ArrayList<>();
        for (int c = 0; c < conversations; c++) {
            people.add("+55119124%05d".formatted(10000 + c));
        }
        simulators.fourBizLatency(5, 40);
        try {
            for (int m = 0; m < messages; m++) {
                for (int c = 0; c < conversations; c++) {
                    say(interaction, people.get(c), "g%02d m%02d".formatted(c, m));
                }
                if (m == 1) {
                    simulators.fourBizOutage(503, 6_000);
                    stack.restart("ticket-bridge", Map.of(), SharedSystem.READY_TIMEOUT);
                }
            }
        } finally {
            simulators.fourBizLatency(0, 0);
        }

        assertOneTicketEachWithItsFollowUpsInOrder(people, messages, "g");
        await().atMost(Duration.ofSeconds(60)).until(() -> people.stream().allMatch(p -> bodiesTo(p).size() == 1));
        assertThat(KafkaRecords.read(kafka.bootstrapServers(), Topics.deadLetter(Topics.INBOUND),
                r -> r.value() != null && r.value().contains(" m0"), Duration.ofSeconds(2))).isEmpty();
    }

    /**
     * R3 for channel-whatsapp's rolling update: Twilio answers 429 to everything while 8 people write, so their
     * acknowledgements are being retried, and channel-whatsapp is stopped gracefully (SIGTERM) in the middle and
     * started again. Before the ordered consumer every pending send was nacked to the dead-letter topic at shutdown;
     * now each person gets exactly one acknowledgement once Twilio accepts again, and nothing is dead-lettered.
     */
    @Test
    void aGracefulRestartOfChannelWhatsAppWithSendsBeingRetriedSendsEachOnce() {
        List<String> people = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            people.add("+55119125%05d".formatted(20000 + c));
        }
        long before = simulators.twilioStats().path("stormThrottled").asLong();
        simulators.twilioStorm(30_000);
        for (String person : people) {
            say(interaction, person, "durante os 429 " + person);
        }
        // the acknowledgements are being retried: Twilio has answered 429 to every one of them at least once
        await().atMost(Duration.ofSeconds(30)).until(
                () -> simulators.twilioStats().path("stormThrottled").asLong() - before >= people.size());

        stack.restart("channel-whatsapp", Map.of(), SharedSystem.READY_TIMEOUT);

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> people.stream().allMatch(p -> bodiesTo(p).size() == 1));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(23))
                .until(() -> people.stream().allMatch(p -> bodiesTo(p).size() == 1));
        assertThat(KafkaRecords.read(kafka.bootstrapServers(), Topics.deadLetter(Topics.OUTBOUND_WHATSAPP), r -> true,
                Duration.ofSeconds(2))).isEmpty();
    }

    /**
     * Every person has one ticket, opened by their first message ({@code <prefix><cc> m00}), and the rest as follow-ups
     * in the order they were sent.
     */
    private static void assertOneTicketEachWithItsFollowUpsInOrder(List<String> people, int messages, String prefix) {
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(2)).until(() -> people.stream()
                .allMatch(p -> {
                    List<JsonNode> tickets = simulators.ticketsOf("whatsapp_" + p.substring(1));
                    return tickets.size() == 1 && ourFollowUps(tickets.get(0)).size() == messages - 1;
                }));
        for (int c = 0; c < people.size(); c++) {
            List<JsonNode> tickets = simulators.ticketsOf("whatsapp_" + people.get(c).substring(1));
            assertThat(tickets).hasSize(1);
            assertThat(tickets.get(0).path("description").asText()).contains(prefix + "%02d m00".formatted(c));
            List<String> order = ourFollowUps(tickets.get(0)).stream().map(o -> o.path("description").asText()
                    .replaceAll("(?s).*(" + prefix + "\\d\\d m\\d\\d).*", "$1")).toList();
            List<String> sent = new ArrayList<>();
            for (int m = 1; m < messages; m++) {
                sent.add(prefix + "%02d m%02d".formatted(c, m));
            }
            assertThat(order).as("follow-ups of conversation %d", c).containsExactlyElementsOf(sent);
        }
    }

    /**
     * R4: 30 s of 503s from 4biz (three times the system tests' longest retry delay, {@link SharedSystem}) delays the
     * messages sent meanwhile; they all land afterwards, none dead-lettered. Land within two retry delays (the
     * breaker's 10 s open, then a conversation's next retry) and 5 s of the outage's end: retries go on through it.
     */
    @Test
    void an4bizOutageLongerThanTheLongestRetryDelayDelaysMessagesAndLosesNone() {
        List<String> people = new ArrayList<>();
        simulators.fourBizOutage(503, 30_000);
        long outageEnds = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        for (int c = 0; c < 10; c++) {
            String person = "+55119123%05d".formatted(70000 + c);
            people.add(person);
            say(interaction, person, "durante a queda %02d".formatted(c));
        }
        await().pollDelay(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10))
                .until(() -> simulators.ticketsWith("durante a queda").isEmpty());

        await().atMost(Duration.ofNanos(outageEnds - System.nanoTime())
                .plus(SharedSystem.LONGEST_RETRY_DELAY.multipliedBy(2)).plusSeconds(5)).pollInterval(Duration.ofSeconds(1))
                .until(() -> simulators.ticketsWith("durante a queda").size() == people.size());
        for (String person : people) {
            assertThat(simulators.ticketsOf("whatsapp_" + person.substring(1))).hasSize(1);
        }
        assertThat(KafkaRecords.read(kafka.bootstrapServers(), Topics.deadLetter(Topics.INBOUND),
                r -> r.value() != null && r.value().contains("durante a queda"), Duration.ofSeconds(2))).isEmpty();
    }
}
