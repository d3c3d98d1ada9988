package omnichannel.system;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

import omnichannel.infra.Directories;
import omnichannel.infra.KafkaBroker;
import omnichannel.infra.PostgresServer;
import omnichannel.simulators.identity.IdentityProvider;
import omnichannel.simulators.identity.Tokens;

/**
 * The whole system on this machine with no Docker: {@code start} runs PostgreSQL, Kafka, the simulators and every
 * service until Ctrl-C; {@code demo [text]} sends a signed WhatsApp message to the running system and shows the
 * ticket and the answer it produced; {@code demo-x [text]} does the same with an X direct message.
 */
public final class LocalRun {

    private static final int KAFKA_PORT = 9092;
    private static final int POSTGRES_PORT = 5433;

    private LocalRun() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("omnichannel.root", ".")).toAbsolutePath().normalize();
        String command = args.length == 0 ? "start" : args[0];
        switch (command) {
            case "start" -> start(root);
            case "demo" -> demo(root, args.length > 1
                    ? String.join(" ", List.of(args).subList(1, args.length))
                    : "Olá! Minha impressora parou de funcionar.");
            case "demo-x" -> demoX(root, args.length > 1
                    ? String.join(" ", List.of(args).subList(1, args.length))
                    : "Oi! Não consigo acessar a VPN.");
            default -> {
                System.err.println("usage: LocalRun start | demo [text] | demo-x [text]");
                System.exit(2);
            }
        }
    }

    private static void start(Path root) throws Exception {
        Path work = root.resolve(".local");
        Path logs = work.resolve("logs");
        // Every local run starts from empty data: it is a demo stand, not a place to keep anything.
        Directories.deleteRecursively(work.resolve("data"));
        Files.createDirectories(logs);
        SystemStack.Ports ports = SystemStack.localPorts();
        // a key pair for this run only: the tokens printed below die with it
        Tokens tokens = new Tokens();
        String adminToken = tokens.admin();

        say("Starting PostgreSQL on 127.0.0.1:" + POSTGRES_PORT + " ...");
        PostgresServer postgres = PostgresServer.start(work.resolve("data/postgres"), POSTGRES_PORT);
        say("Starting Kafka on 127.0.0.1:" + KAFKA_PORT + " ...");
        KafkaBroker kafka = KafkaBroker.start(work.resolve("data/kafka"), KAFKA_PORT, false);
        say("Starting the simulators and the services (logs in " + root.relativize(logs) + ") ...");
        SystemStack stack;
        try {
            stack = SystemStack.start(root, logs, postgres, kafka, ports, tokens, Duration.ofSeconds(120));
        } catch (RuntimeException e) {
            kafka.close();
            postgres.close();
            throw e;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            say("\nStopping ...");
            stack.close();
            kafka.close();
            postgres.close();
            say("Stopped.");
            stopped.countDown();
        }, "local-run-shutdown"));

        DemoInteraction demo = DemoInteraction.create("http://127.0.0.1:" + ports.config(), adminToken);
        // the X demo runs in the default mode, the X Activity API: its account connected with OAuth 2.0 the way an admin's
        // browser does it (the simulated X's authorization page, approved)
        DemoXInteraction demoX = DemoXInteraction.create("http://127.0.0.1:" + ports.config(), adminToken,
                "ACTIVITY_API");
        DemoXInteraction.connect("http://127.0.0.1:" + ports.config(), adminToken, demoX.id());
        Properties saved = new Properties();
        saved.setProperty("x.id", demoX.id());
        saved.setProperty("twitter", "http://127.0.0.1:" + ports.twitter());
        saved.setProperty("viewerToken", tokens.viewer());
        saved.setProperty("id", demo.id());
        saved.setProperty("callbackUrl", demo.callbackUrl());
        saved.setProperty("simulators", "http://127.0.0.1:" + ports.simulators());
        try (Writer writer = Files.newBufferedWriter(work.resolve("demo-interaction.properties"))) {
            saved.store(writer, "the demo interaction of the running local system");
        }

        say("""

                Omnichannel is running.

                Admin console: http://127.0.0.1:%d/console
                  log in as %s / %s (admin) or %s / %s (read only); local users of this run's identity provider

                  webhook-gateway   http://127.0.0.1:%d   (public base URL of the webhooks)
                  config-service    http://127.0.0.1:%d   /api/v1/interactions, /q/openapi
                  ticket-bridge     http://127.0.0.1:%d
                  channel-whatsapp  http://127.0.0.1:%d
                  channel-twitter   http://127.0.0.1:%d
                  simulators        http://127.0.0.1:%d   /simulators/fourbiz/tickets, /simulators/twilio/messages
                  identity provider http://127.0.0.1:%d (the services' tokens at /token, the console's login)
                  Kafka             127.0.0.1:%d
                  PostgreSQL        127.0.0.1:%d (user postgres; databases config, bridge, whatsapp, twitter)

                A demo WhatsApp interaction was created: %s
                  callback URL %s
                and a demo X (Twitter) DM interaction: %s (its webhook is registered with the X simulator)

                Admin bearer token (role omnichannel-admin, valid 12 h, this run only):
                  %s
                  e.g. curl -H "Authorization: Bearer $TOKEN" http://127.0.0.1:%d/api/v1/interactions

                Send a first message from another terminal:
                  ./run-local.sh demo "Olá! Minha impressora parou de funcionar."
                  ./run-local.sh demo-x "Oi! Não consigo acessar a VPN."

                Ctrl-C stops everything.
                """.formatted(ports.config(), IdentityProvider.USERS.get(0).username(),
                IdentityProvider.USERS.get(0).password(), IdentityProvider.USERS.get(1).username(),
                IdentityProvider.USERS.get(1).password(), ports.gateway(), ports.config(), ports.bridge(), ports.whatsapp(),
                ports.twitter(),
                ports.simulators(), ports.tokens(), KAFKA_PORT, POSTGRES_PORT, demo.id(), demo.callbackUrl(), demoX.id(),
                adminToken,
                ports.config()));
        stopped.await();
    }

    /** What the running local system saved for the demos; fails when it is not running. */
    private static Properties runningSystem(Path root) throws IOException {
        Path file = root.resolve(".local/demo-interaction.properties");
        if (!Files.exists(file)) {
            throw new IllegalStateException("the local system is not running: start it with ./run-local.sh");
        }
        Properties saved = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            saved.load(reader);
        }
        return saved;
    }

    private static void demo(Path root, String text) throws Exception {
        Properties saved = runningSystem(root);
        DemoInteraction demo = new DemoInteraction(saved.getProperty("id"), saved.getProperty("callbackUrl"),
                DemoInteraction.AUTH_TOKEN);
        String simulators = saved.getProperty("simulators");
        String from = "+5511912345678";
        String sid = DemoInteraction.newMessageSid();

        say("Maria (" + from + ") writes on WhatsApp: \"" + text + "\"");
        HttpJson.Reply reply = demo.post(DemoInteraction.webhook(sid, from, "Maria", text));
        say("Twilio's signed webhook " + sid + " -> " + demo.callbackUrl() + " answered " + reply.status() + " "
                + reply.body());
        if (reply.status() != 200) {
            System.exit(1);
        }

        JsonNode ticket = awaitFound(() -> find(HttpJson.get(simulators + "/simulators/fourbiz/tickets").json(),
                "description", text));
        if (ticket == null) {
            say("No ticket appeared in the 4biz simulator within 30 s; see .local/logs/ticket-bridge.log");
            System.exit(1);
        }
        say("\nTicket in 4biz (simulator): nº " + ticket.path("number").asText() + ", requester "
                + ticket.path("userID").asText() + ", activity " + ticket.path("serviceCode").asText() + ", origin "
                + ticket.path("originCode").asText() + ", numberOrigin " + ticket.path("numberOrigin").asText());
        JsonNode answer = awaitFound(() -> find(HttpJson.get(simulators + "/simulators/twilio/messages").json(), "body",
                "nº " + ticket.path("number").asText()));
        if (answer == null) {
            say("No answer reached the Twilio simulator within 30 s; see .local/logs/channel-whatsapp.log");
            System.exit(1);
        }
        say("Answer sent through Twilio (simulator) to " + answer.path("to").asText() + ": \""
                + answer.path("body").asText() + "\"");
        String answerSid = answer.path("sid").asText();
        say("Its status, from Twilio's signed status callbacks: " + awaitStatuses(simulators, answerSid));
    }

    private static void demoX(Path root, String text) throws Exception {
        Properties saved = runningSystem(root);
        String simulators = saved.getProperty("simulators");
        // channel-twitter registers the webhook when the interaction's event reaches it: wait for the subscription
        JsonNode registration = awaitFound(() -> {
            HttpJson.Reply reply = HttpJson.get(saved.getProperty("twitter") + "/api/v1/twitter/webhooks/"
                    + saved.getProperty("x.id"),
                    Map.of("Authorization", "Bearer " + saved.getProperty("viewerToken")));
            return reply.status() == 200 && reply.json().path("subscribed").asBoolean() ? reply.json() : null;
        });
        if (registration == null) {
            say("The demo X interaction's webhook was not registered within 30 s; see .local/logs/channel-twitter.log");
            System.exit(1);
        }
        say("X webhook of the demo interaction (channel-twitter): " + registration);

        say("Joana (@joanalima, X user 4002) sends a DM: \"" + text + "\"");
        HttpJson.Reply dm = DemoXInteraction.personWrites(simulators, "4002", "Joana Lima", "joanalima", text);
        say("The X simulator delivered it as a signed X Activity API event (dm.received): " + dm.body());

        JsonNode ticket = awaitFound(() -> find(HttpJson.get(simulators + "/simulators/fourbiz/tickets").json(),
                "description", text));
        if (ticket == null) {
            say("No ticket appeared in the 4biz simulator within 30 s; see .local/logs/ticket-bridge.log");
            System.exit(1);
        }
        say("\nTicket in 4biz (simulator): nº " + ticket.path("number").asText() + ", requester "
                + ticket.path("userID").asText() + ", numberOrigin " + ticket.path("numberOrigin").asText());
        JsonNode answer = awaitFound(() -> find(HttpJson.get(simulators + "/simulators/x/sent?to=4002").json(), "text",
                "nº " + ticket.path("number").asText()));
        if (answer == null) {
            say("No answer DM reached the X simulator within 30 s; see .local/logs/channel-twitter.log");
            System.exit(1);
        }
        say("Answer DM sent through the X API (simulator) to 4002: \"" + answer.path("text").asText()
                + "\" (sent with the account's OAuth 2.0 token, accepted: " + answer.path("signatureValid").asBoolean()
                + ")");
    }

    /**
     * The status callbacks Twilio (the simulator) posted for a message and what the gateway answered each, once "read"
     * was accepted (or after 15 s): read from the simulator, as a person outside the system would see it.
     */
    private static String awaitStatuses(String simulators, String sid) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        JsonNode callbacks = null;
        while (System.nanoTime() < deadline) {
            callbacks = HttpJson.get(simulators + "/simulators/twilio/messages/" + sid + "/callbacks").json();
            boolean read = false;
            for (JsonNode callback : callbacks) {
                read |= "read".equals(callback.path("status").asText()) && callback.path("answered").asInt() < 300;
            }
            if (read) {
                break;
            }
            Thread.sleep(250);
        }
        StringBuilder history = new StringBuilder("queued");
        if (callbacks != null) {
            for (JsonNode callback : callbacks) {
                history.append(" → ").append(callback.path("status").asText()).append(" (gateway answered ")
                        .append(callback.path("answered").asInt()).append(')');
            }
        }
        return history.toString();
    }

    private static JsonNode find(JsonNode list, String field, String contained) {
        for (JsonNode item : list) {
            if (item.path(field).asText("").contains(contained)) {
                return item;
            }
        }
        return null;
    }

    private static JsonNode awaitFound(Supplier<JsonNode> lookup) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode found = lookup.get();
            if (found != null) {
                return found;
            }
            Thread.sleep(250);
        }
        return null;
    }

    private static void say(String line) {
        System.out.println(line);
    }
}
