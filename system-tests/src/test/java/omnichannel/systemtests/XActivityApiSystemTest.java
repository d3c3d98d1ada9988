package omnichannel.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.ResourceLock;

import com.fasterxml.jackson.databind.JsonNode;

import omnichannel.simulators.identity.Tokens;
import omnichannel.system.DemoInteraction;
import omnichannel.system.DemoXInteraction;
import omnichannel.system.HttpJson;
import omnichannel.system.RunningSystem;
import omnichannel.system.Simulators;
import omnichannel.system.SystemStack;

/**
 * X on the X Activity API, over the wire against the simulated X (which checks PKCE, rotates refresh tokens, signs
 * its deliveries): an account connected with OAuth 2.0, its {@code dm.received} subscription created and kept, a DM
 * becoming a ticket and the answer sent with the OAuth 2.0 token; a subscription deleted on X's side recreated; a
 * revoked grant stopping sends and showing on the interaction; a move from the Account Activity API losing no DM and
 * taking none twice; the subscriptions deleted with the interaction.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ResourceLock(SharedSystem.LOCK)
class XActivityApiSystemTest {

    static RunningSystem system;
    static SystemStack stack;
    static Simulators simulators;
    static Tokens tokens;
    static String config;
    static DemoXInteraction x;
    static DemoXInteraction moved;

    @BeforeAll
    static void startTheSystem() {
        system = SharedSystem.get();
        stack = system.stack();
        simulators = system.simulators();
        tokens = system.tokens();
        config = system.configService();
        DemoInteraction.create(config, tokens.admin(), "+5511999990301");
    }

    /** The system is shared: X delivers the one simulated account's DMs to every subscribed interaction. */
    @AfterAll
    static void deleteTheInteractions() {
        for (DemoXInteraction interaction : new DemoXInteraction[]{x, moved}) {
            if (interaction != null) {
                HttpJson.delete(config + "/api/v1/interactions/" + interaction.id(), admin());
                await().atMost(Duration.ofSeconds(30)).until(() -> ours(interaction.id()).isEmpty());
            }
        }
    }

    private static Map<String, String> admin() {
        return Map.of("Authorization", "Bearer " + tokens.admin());
    }

    private static JsonNode registration(String interactionId) {
        HttpJson.Reply reply = HttpJson.get(stack.service("channel-twitter").baseUrl() + "/api/v1/twitter/webhooks/"
                + interactionId, Map.of("Authorization", "Bearer " + tokens.viewer()));
        return reply.status() == 200 ? reply.json() : null;
    }

    /** The Activity API subscriptions the simulated X holds for an interaction (by our tag). */
    private static List<JsonNode> ours(String interactionId) {
        return Simulators.stream(HttpJson.get(simulators.baseUrl() + "/simulators/x/activity-subscriptions").json()
                .path("subscriptions")).filter(s -> ("omnichannel:" + interactionId).equals(s.path("tag").asText()))
                .toList();
    }

    private static JsonNode connection(String interactionId) {
        return HttpJson.get(config + "/api/v1/interactions/" + interactionId + "/x-connection", admin()).json();
    }

    private static List<JsonNode> sentTo(String person) {
        return Simulators.stream(HttpJson.get(simulators.baseUrl() + "/simulators/x/sent?to=" + person).json()).toList();
    }

    @Test
    @Order(1)
    void aConnectedAccountIsSubscribedAndItsDmsBecomeTicketsAnsweredWithTheOAuth2Token() {
        x = DemoXInteraction.create(config, tokens.admin(), "ACTIVITY_API");
        // not connected yet: nothing is subscribed, and the registration says why
        JsonNode waiting = await().atMost(Duration.ofSeconds(30)).until(() -> registration(x.id()), r -> r != null);
        assertThat(waiting.path("subscribed").asBoolean()).isFalse();
        assertThat(waiting.path("lastError").asText()).contains("connected");
        assertThat(connection(x.id()).path("status").asText()).isEqualTo("NOT_CONNECTED");

        DemoXInteraction.connect(config, tokens.admin(), x.id());
        JsonNode connected = connection(x.id());
        assertThat(connected.path("status").asText()).isEqualTo("CONNECTED");
        assertThat(connected.path("xUserId").asText()).isEqualTo(DemoXInteraction.USER_ID);
        assertThat(connected.path("scope").asText()).contains("dm.read").contains("dm.write").contains("offline.access");
        assertThat(connected.toString()).doesNotContain("x-at-").doesNotContain("x-rt-");

        JsonNode registered = await().atMost(Duration.ofSeconds(30)).until(() -> registration(x.id()),
                r -> r != null && r.path("subscribed").asBoolean());
        assertThat(registered.path("mode").asText()).isEqualTo("ACTIVITY_API");
        List<JsonNode> subscriptions = ours(x.id());
        assertThat(subscriptions).hasSize(1);
        assertThat(subscriptions.get(0).path("eventType").asText()).isEqualTo("dm.received");
        assertThat(subscriptions.get(0).path("userId").asText()).isEqualTo(DemoXInteraction.USER_ID);
        assertThat(subscriptions.get(0).path("webhookId").asText()).isEqualTo(registered.path("webhookId").asText());

        HttpJson.Reply dm = DemoXInteraction.personWrites(simulators.baseUrl(), "4101", "Ana Prado", "anaprado",
                "Meu acesso ao portal caiu");
        assertThat(dm.json().path("deliveredByActivityApi").asInt()).isEqualTo(1);
        JsonNode ticket = await().atMost(Duration.ofSeconds(30)).until(() -> simulators.ticketsOf("twitter_4101"),
                list -> list.size() == 1).get(0);
        assertThat(ticket.path("description").asText()).contains("Meu acesso ao portal caiu").contains("Ana Prado");
        JsonNode answer = await().atMost(Duration.ofSeconds(30)).until(() -> sentTo("4101"), list -> !list.isEmpty())
                .get(0);
        assertThat(answer.path("text").asText()).contains(ticket.path("number").asText());
        // the simulated X took it with the OAuth 2.0 token (Bearer, dm.write), the Activity API mode's way
        assertThat(answer.path("signatureValid").asBoolean()).isTrue();
    }

    @Test
    @Order(2)
    void aSubscriptionDeletedOnXsSideIsRecreated() {
        String dropped = ours(x.id()).get(0).path("id").asText();
        HttpJson.delete(simulators.baseUrl() + "/simulators/x/activity-subscriptions/" + dropped, Map.of());
        List<JsonNode> again = await().atMost(Duration.ofSeconds(30)).until(() -> ours(x.id()),
                list -> list.size() == 1 && !list.get(0).path("id").asText().equals(dropped));
        assertThat(again.get(0).path("eventType").asText()).isEqualTo("dm.received");
        // and it stays one: rounds keep running every 2 s here
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(25)).until(() -> ours(x.id()).size() == 1);
    }

    @Test
    @Order(3)
    void aRevokedGrantStopsSendsAndAsksForANewConnection() {
        JsonNode revoke = HttpJson.postJson(simulators.baseUrl() + "/simulators/x/revoke-grant", "", Map.of()).json();
        assertThat(revoke.path("deliveredTo").asInt()).isGreaterThanOrEqualTo(1);
        JsonNode lost = await().atMost(Duration.ofSeconds(30)).until(() -> connection(x.id()),
                c -> c.path("status").asText().equals("NEEDS_RECONNECT"));
        assertThat(lost.path("reason").asText()).contains("revoked");
        assertThat(metric("config-service", "omnichannel_x_connections_needing_reconnect")).isGreaterThanOrEqualTo(1);

        // an attendant answers: the answer cannot go, and the ticket says why
        String number = simulators.ticketsOf("twitter_4101").get(0).path("number").asText();
        simulators.attendantWrites(number, "Pode tentar de novo agora?");
        await().atMost(Duration.ofSeconds(30)).until(() -> simulators.ticketsOf("twitter_4101").get(0)
                .path("occurrences").toString().contains("X_NOT_CONNECTED"));
        assertThat(sentTo("4101")).noneMatch(sent -> sent.path("text").asText().equals("Pode tentar de novo agora?"));

        // connected again: sends resume
        DemoXInteraction.connect(config, tokens.admin(), x.id());
        assertThat(connection(x.id()).path("status").asText()).isEqualTo("CONNECTED");
        simulators.attendantWrites(number, "Agora foi");
        await().atMost(Duration.ofSeconds(30)).until(() -> sentTo("4101").stream()
                .anyMatch(sent -> sent.path("text").asText().equals("Agora foi")));
    }

    @Test
    @Order(4)
    void deletingTheInteractionDeletesItsSubscriptions() {
        assertThat(ours(x.id())).hasSize(1);
        HttpJson.delete(config + "/api/v1/interactions/" + x.id(), admin());
        await().atMost(Duration.ofSeconds(30)).until(() -> ours(x.id()).isEmpty());
        await().atMost(Duration.ofSeconds(30)).until(() -> registration(x.id()) == null);
        x = null;
    }

    @Test
    @Order(5)
    void movingFromTheAccountActivityApiLosesNoDmAndTakesNoneTwice() {
        // the simulated X has one account: with the first interaction deleted, this one alone gets its DMs
        moved = DemoXInteraction.create(config, tokens.admin(), "ACCOUNT_ACTIVITY");
        await().atMost(Duration.ofSeconds(30)).until(() -> registration(moved.id()),
                r -> r != null && r.path("subscribed").asBoolean());
        // X fails the end of the old subscription for a while: both ways deliver during the move
        HttpJson.putJson(simulators.baseUrl() + "/simulators/x/faults/account-activity-unsubscribe/1000", "", Map.of());

        // an Account Activity interaction with the app's OAuth 2.0 Client ID: "Mover para a X Activity API" is the
        // connection itself; until it completes, the old subscription delivers
        HttpJson.Reply during = DemoXInteraction.personWrites(simulators.baseUrl(), "4102", "Caio Reis", "caioreis",
                "Escrevi durante a troca");
        assertThat(during.json().path("deliveredToWebhooks").asInt()).isGreaterThanOrEqualTo(1);

        DemoXInteraction.connect(config, tokens.admin(), moved.id());
        assertThat(HttpJson.get(config + "/api/v1/interactions/" + moved.id(), admin()).json().path("twitter")
                .path("deliveryMode").asText()).isEqualTo("ACTIVITY_API");
        await().atMost(Duration.ofSeconds(30)).until(() -> ours(moved.id()).size() == 1);
        // both subscriptions live: the same DM arrives twice, by both ways
        HttpJson.Reply overlap = DemoXInteraction.personWrites(simulators.baseUrl(), "4102", "Caio Reis", "caioreis",
                "Escrevi com as duas inscrições");
        assertThat(overlap.json().path("deliveredToWebhooks").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(overlap.json().path("deliveredByActivityApi").asInt()).isGreaterThanOrEqualTo(1);

        // X works again: the old subscription ends at the next round
        HttpJson.putJson(simulators.baseUrl() + "/simulators/x/faults/account-activity-unsubscribe/0", "", Map.of());
        await().pollInterval(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(30)).until(() -> registration(moved.id())
                .path("subscribed").asBoolean()
                && DemoXInteraction.personWrites(simulators.baseUrl(), "4103", "Sonda",
                        "sonda", "sonda " + System.nanoTime()).json().path("deliveredToWebhooks").asInt() == 0);

        // each DM reached 4biz exactly once: one ticket, the second DM its only follow-up with that text
        await().atMost(Duration.ofSeconds(30)).until(() -> simulators.ticketsOf("twitter_4102").stream()
                .anyMatch(t -> t.path("occurrences").toString().contains("Escrevi com as duas inscrições")));
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(24)).until(() -> {
            List<JsonNode> tickets = simulators.ticketsOf("twitter_4102").stream()
                    .filter(t -> t.path("description").asText().contains("Escrevi durante a troca")).toList();
            return tickets.size() == 1 && occurrences(tickets.get(0), "Escrevi com as duas inscrições") == 1;
        });
    }

    private static long occurrences(JsonNode ticket, String text) {
        return Simulators.stream(ticket.path("occurrences")).filter(o -> o.toString().contains(text)).count();
    }

    private static double metric(String service, String name) {
        String scrape = HttpJson.get(stack.service(service).baseUrl() + "/q/metrics").body();
        return scrape.lines().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).max().orElse(-1);
    }
}
