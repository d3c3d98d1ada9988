package omnichannel.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

import com.fasterxml.jackson.databind.JsonNode;

import omnichannel.events.Channel;
import omnichannel.events.Event;
import omnichannel.events.OutboundMessage;
import omnichannel.events.Participant;
import omnichannel.events.Topics;
import omnichannel.events.json.EventJson;
import omnichannel.simulators.identity.Tokens;
import omnichannel.system.DemoInteraction;
import omnichannel.system.HttpJson;
import omnichannel.system.RunningSystem;
import omnichannel.system.Simulators;
import omnichannel.system.SystemStack;

/**
 * The walking skeleton over the wire: the packaged services as separate processes, real PostgreSQL and Kafka, 4biz
 * and Twilio played by the simulators. A signed WhatsApp webhook becomes one requester, one ticket and one answer.
 */
@ResourceLock(SharedSystem.LOCK)
class WhatsAppToTicketTest {

    static RunningSystem system;
    static SystemStack stack;
    static DemoInteraction interaction;
    static String simulators;
    static Tokens tokens;

    @BeforeAll
    static void startTheSystem() {
        system = SharedSystem.get();
        stack = system.stack();
        tokens = system.tokens();
        simulators = system.simulators().baseUrl();
        interaction = DemoInteraction.create(system.configService(), tokens.admin());
    }

    @Test
    void signedWebhookBecomesOneRequesterOneTicketAndOneAnswerAndARepeatChangesNothing() {
        String from = "+5511912340001";
        String text = "A impressora do 3º andar não imprime";
        Map<String, List<String>> webhook = DemoInteraction.webhook(DemoInteraction.newMessageSid(), from, "Maria", text);

        HttpJson.Reply reply = interaction.post(webhook);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("text/xml");
        assertThat(reply.body()).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>");

        JsonNode ticket = await().atMost(Duration.ofSeconds(30)).until(() -> ticketsWith(text), list -> list.size() == 1)
                .get(0);
        assertThat(ticket.path("userID").asText()).isEqualTo("whatsapp_5511912340001");
        assertThat(ticket.path("serviceCode").asText()).isEqualTo(Long.toString(DemoInteraction.ACTIVITY));
        assertThat(ticket.path("contactPhone").asText()).isEqualTo(from);
        assertThat(ticket.path("description").asText()).contains(text).contains("WhatsApp").contains("Maria");

        // a 4biz that serves only what it documents: the requester is made by 4biz itself, from the ticket's contact
        // (request/create with synchronize), in 4biz's own default unit and group (FourBizCapabilitiesSystemTest:
        // the interaction's, through the optional employee web service)
        JsonNode requester = employee("whatsapp_5511912340001");
        assertThat(requester.path("name").asText()).isEqualTo("Maria");
        assertThat(requester.path("phoneNumber").asText()).isEqualTo(from);

        String number = ticket.path("number").asText();
        List<JsonNode> answers = await().atMost(Duration.ofSeconds(30))
                .until(() -> messagesTo("whatsapp:" + from), list -> !list.isEmpty());
        assertThat(answers).hasSize(1);
        assertThat(answers.get(0).path("body").asText()).contains("nº " + number);
        assertThat(answers.get(0).path("from").asText()).isEqualTo("whatsapp:" + DemoInteraction.NUMBER);
        assertThat(answers.get(0).path("accountSid").asText()).isEqualTo(DemoInteraction.ACCOUNT_SID);

        // Twilio retries the same webhook: it is accepted again and causes nothing new.
        assertThat(interaction.post(webhook).status()).isEqualTo(200);
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(25)).untilAsserted(() -> {
            assertThat(ticketsWith(text)).hasSize(1);
            assertThat(messagesTo("whatsapp:" + from)).hasSize(1);
            assertThat(employeesWithLogin("whatsapp_5511912340001")).isEqualTo(1);
        });
    }

    /**
     * A photo on WhatsApp: the gateway passes Twilio's media URL on, the bridge fetches the file with the account's
     * credentials (Twilio's media host refuses anyone else, then redirects to a pre-signed CDN URL that must not see
     * them) and attaches it to the ticket in 4biz, byte for byte.
     */
    @Test
    void aWhatsAppPhotoBecomesAnAttachmentOnItsTicketFetchedWithTheAccountsCredentials() throws Exception {
        String from = "+5511912340011";
        String caption = "Foto da impressora com erro";
        byte[] photo = new byte[48 * 1024];
        new java.util.Random(11).nextBytes(photo);
        photo[0] = (byte) 0xFF;
        photo[1] = (byte) 0xD8;
        String mediaUrl = system.simulators().twilioMedia(DemoInteraction.ACCOUNT_SID, DemoInteraction.AUTH_TOKEN,
                "image/jpeg", photo);
        String sid = "MM" + UUID.randomUUID().toString().replace("-", "");

        assertThat(interaction.post(DemoInteraction.webhookWithMedia(sid, from, "Maria", caption, mediaUrl, "image/jpeg"))
                .status()).isEqualTo(200);

        String number = await().atMost(Duration.ofSeconds(30)).until(() -> ticketsWith(caption), list -> list.size() == 1)
                .get(0).path("number").asText();
        List<JsonNode> files = await().atMost(Duration.ofSeconds(30))
                .until(() -> system.simulators().attachments(number), list -> !list.isEmpty());
        assertThat(files).hasSize(1);
        assertThat(files.get(0).path("fileName").asText()).isEqualTo("whatsapp-" + sid + "-1.jpg");
        assertThat(files.get(0).path("contentType").asText()).isEqualTo("image/jpeg");
        assertThat(files.get(0).path("sha256").asText()).isEqualTo(java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(photo)));
        assertThat(HttpJson.get(mediaUrl).status()).as("Twilio's media needs the account's credentials").isEqualTo(401);
        JsonNode media = system.simulators().twilioMediaStats();
        assertThat(media.path("served").asLong()).isPositive();
        assertThat(media.path("credentialsSentToCdn").asLong()).isZero();
    }

    /**
     * LGPD: an admin exports, then erases, one person through config-service; every service's database is then dumped
     * whole and nothing names the person, and the request's record names no one either.
     */
    @Test
    void aPersonIsExportedThenErasedFromEveryServicesDatabase() {
        String from = "+5511987650014";
        String name = "Helena Apagada";
        assertThat(interaction.post(DemoInteraction.webhook(DemoInteraction.newMessageSid(), from, name,
                "Meu crachá não abre a catraca")).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> "READ".equals(system.postgres().query("whatsapp", connection -> {
            try (var rs = connection.createStatement().executeQuery(
                    "select status from sent_message where recipient = '" + from + "'")) {
                return rs.next() ? rs.getString(1) : null;
            }
        })));
        String config = stack.service("config-service").baseUrl();
        Map<String, String> admin = Map.of("Authorization", "Bearer " + tokens.admin());

        HttpJson.Reply export = HttpJson.postJson(config + "/api/v1/privacy/export", "{\"phone\":\"+551187650014\"}", admin); // without the ninth digit

        assertThat(export.status()).as(export.body()).isEqualTo(200);
        // config-service asked with its own identity: an admin's token opens no service's privacy API directly
        for (String service : List.of("ticket-bridge", "channel-whatsapp", "channel-twitter")) {
            assertThat(HttpJson.postJson(stack.service(service).baseUrl() + "/api/v1/privacy/export",
                    "{\"whatsapp\":[\"" + from + "\"]}", admin).status()).as(service).isEqualTo(403);
        }
        JsonNode services = export.json().path("services");
        assertThat(export.json().path("outcome").asText()).isEqualTo("COMPLETE");
        assertThat(services.path("ticket-bridge").path("tables").path("conversation").get(0).path("display_name")
                .asText()).isEqualTo(name);
        assertThat(services.path("channel-whatsapp").path("tables").path("sent_message").get(0).path("recipient")
                .asText()).isEqualTo(from);
        assertThat(services.path("channel-whatsapp").path("tables").path("message_status").size()).isPositive();

        HttpJson.Reply erasure = HttpJson.postJson(config + "/api/v1/privacy/erasure", "{\"phone\":\"" + from + "\"}",
                admin);

        assertThat(erasure.status()).as(erasure.body()).isEqualTo(200);
        assertThat(erasure.json().path("services").path("ticket-bridge").path("erased").path("conversation").asInt())
                .isEqualTo(1);
        for (String database : List.of("config", "bridge", "whatsapp", "twitter")) {
            assertThat(system.postgres().dump(database)).as(database).doesNotContain("87650014").doesNotContain(name);
        }
        JsonNode record = HttpJson.get(config + "/api/v1/privacy/requests", admin).json().get(0);
        assertThat(record.path("action").asText()).isEqualTo("ERASURE");
        assertThat(record.path("outcome").asText()).isEqualTo("COMPLETE");
        assertThat(record.path("services").asText()).contains("\"conversation\":1").doesNotContain("87650014");
        // the 4biz ticket is 4biz's record and stays
        assertThat(ticketsWith("Meu crachá não abre a catraca")).hasSize(1);
    }

    @Test
    void tamperedSignatureGets403AndCreatesNothing() {
        String text = "mensagem adulterada";
        Map<String, List<String>> webhook = DemoInteraction.webhook(DemoInteraction.newMessageSid(), "+5511912340002",
                "Intruso", text);
        String signature = omnichannel.simulators.twilio.TwilioWebhookSigner.sign(DemoInteraction.AUTH_TOKEN,
                interaction.callbackUrl(), webhook);
        webhook.put("Body", List.of(text + "!"));

        HttpJson.Reply reply = HttpJson.postForm(interaction.callbackUrl(), webhook, Map.of("X-Twilio-Signature", signature));

        assertThat(reply.status()).isEqualTo(403);
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(24))
                .until(() -> ticketsWith(text).isEmpty() && messagesTo("whatsapp:+5511912340002").isEmpty());
    }

    @Test
    void verificationChecksTheTwilioCredentialsAndTheGatewayAuthenticatesItsSelfTest() {
        String config = stack.service("config-service").baseUrl();
        HttpJson.Reply reply = HttpJson.postJson(config + "/api/v1/interactions/" + interaction.id() + "/verification", "",
                Map.of("Authorization", "Bearer " + tokens.admin()));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("ok").asBoolean()).as(reply.body()).isTrue();
        assertThat(reply.body()).doesNotContain(DemoInteraction.AUTH_TOKEN);
        // 4biz, as it documents itself: every operation of the default path is there, no capability is configured, and
        // the unit is 4biz's own but not applied (4biz makes the requester in its own unit)
        Map<String, JsonNode> steps = new java.util.LinkedHashMap<>();
        reply.json().path("steps").forEach(step -> steps.put(step.path("name").asText(), step));
        assertThat(steps.keySet()).contains("4biz: login", "4biz: request/create", "4biz: request/getById",
                "4biz: request/createOccurrence", "4biz: request/listOccurrences", "4biz: request/addAttachments");
        assertThat(steps.get("4biz (opcional): requester-upsert").path("detail").asText()).startsWith("não configurada");
        assertThat(steps.get("4biz: unidade " + DemoInteraction.UNIT).path("detail").asText())
                .contains("existe no 4biz (Suporte ao cliente)").contains("não aplicada");
    }

    /**
     * P4/R7 across replicas: two channel-whatsapp processes, a burst of 100 messages to 100 people from one sender
     * keyed as the bridge keys them (by the sending interaction). One pod owns the sender, so its rate holds: keyed by
     * conversation, both pods would pace the sender at 10/s each and Twilio would answer 429.
     */
    @Test
    void aBurstOfTenTimesTheSenderRateAcrossTwoReplicasDrainsAtTheRateWithNo429AndNothingLost() throws Exception {
        stack.startReplica("channel-whatsapp", "2", SharedSystem.READY_TIMEOUT);
        Thread.sleep(5_000); // the group rebalances: both processes own partitions
        int burst = 100; // interactions send 10 messages/s by default; the simulator enforces 10/s with 429 above
        // an interaction of its own, so that its backlog does not delay the other tests' answers
        DemoInteraction sender = DemoInteraction.create(stack.service("config-service").baseUrl(), tokens.admin(),
                "+5511999990010");
        int before = HttpJson.get(simulators + "/simulators/twilio/stats").json().path("accepted").asInt();
        long throttledBefore = HttpJson.get(simulators + "/simulators/twilio/stats").json().path("throttled").asLong();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                system.kafka().bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < burst; i++) {
                String to = "+55119123410" + String.format("%02d", i);
                OutboundMessage message = new OutboundMessage(UUID.randomUUID(), Event.SCHEMA_VERSION, Instant.now(),
                        sender.id(), Channel.WHATSAPP_TWILIO, "burst-" + i,
                        OutboundMessage.Purpose.ATTENDANT_ANSWER, new Participant(to, null, null, to), "rajada " + i,
                        List.of(), null, Instant.now(), Map.of());
                producer.send(new ProducerRecord<>(Topics.OUTBOUND_WHATSAPP, message.interactionId(),
                        EventJson.write(message)));
            }
        }
        long start = System.nanoTime();

        await().atMost(Duration.ofSeconds(40)).until(
                () -> HttpJson.get(simulators + "/simulators/twilio/stats").json().path("accepted").asInt() >= before + burst);

        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(HttpJson.get(simulators + "/simulators/twilio/stats").json().path("throttled").asLong())
                .isEqualTo(throttledBefore);
        assertThat(seconds).as("the backlog drains at about the limit, not faster").isGreaterThan(8.0);
        assertThat(messagesWith("rajada ")).as("each message sent once").hasSize(burst);
        stack.stop("channel-whatsapp-2");
    }

    private List<String> messagesWith(String prefix) {
        List<String> bodies = new java.util.ArrayList<>();
        HttpJson.get(simulators + "/simulators/twilio/messages").json().forEach(m -> {
            if (m.path("body").asText().startsWith(prefix)) {
                bodies.add(m.path("body").asText());
            }
        });
        return bodies;
    }

    @Test
    void statusCallbacksFromTwilioReachTheSentMessage() {
        String from = "+5511912340009";
        assertThat(interaction.post(DemoInteraction.webhook(DemoInteraction.newMessageSid(), from, "Rui", "status")).status())
                .isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).until(() -> "READ".equals(system.postgres().query("whatsapp", connection -> {
            try (var rs = connection.createStatement().executeQuery(
                    "select status from sent_message where recipient = '" + from + "'")) {
                return rs.next() ? rs.getString(1) : null;
            }
        })));
    }

    @Test
    void deletedInteractionAnswers404OnItsCallbackFromThenOn() {
        String config = stack.service("config-service").baseUrl();
        DemoInteraction doomed = DemoInteraction.create(config, tokens.admin());
        String from = "+5511912340003";
        assertThat(doomed.post(DemoInteraction.webhook(DemoInteraction.newMessageSid(), from, "Ana", "antes")).status())
                .isEqualTo(200);

        HttpJson.Reply deleted = HttpJson.delete(config + "/api/v1/interactions/" + doomed.id(),
                Map.of("Authorization", "Bearer " + tokens.admin()));
        assertThat(deleted.status()).isEqualTo(204);

        // the gateway cached the interaction; the change event (outbox, then Kafka) drops it within about a second
        await().atMost(Duration.ofSeconds(10)).until(() -> doomed
                .post(DemoInteraction.webhook(DemoInteraction.newMessageSid(), from, "Ana", "sonda")).status() == 404);
        assertThat(doomed.post(DemoInteraction.webhook(DemoInteraction.newMessageSid(), from, "Ana", "depois")).status())
                .isEqualTo(404);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(23)).until(() -> ticketsWith("depois").isEmpty());
    }

    private static List<JsonNode> ticketsWith(String text) {
        return new Simulators(simulators).ticketsWith(text);
    }

    private static List<JsonNode> messagesTo(String to) {
        return new Simulators(simulators).messagesTo(to);
    }

    private static JsonNode employee(String login) {
        return new Simulators(simulators).employees(login).get(0);
    }

    private static long employeesWithLogin(String login) {
        return new Simulators(simulators).employees(login).size();
    }
}
