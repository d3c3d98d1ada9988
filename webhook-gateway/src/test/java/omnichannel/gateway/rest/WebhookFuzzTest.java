package omnichannel.gateway.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

import omnichannel.events.Topics;
import omnichannel.gateway.ConfigServiceStub;
import omnichannel.platform.x.XSignature;
import omnichannel.simulators.twilio.TwilioWebhookSigner;
import omnichannel.testing.KafkaTestResource;
import omnichannel.testing.SharedInfrastructure;
import omnichannel.testing.fuzz.Fuzz;
import omnichannel.testing.fuzz.Fuzz.Case;
import omnichannel.testing.fuzz.Fuzz.Expect;
import omnichannel.testing.fuzz.Junk;

/**
 * Property-based fuzzing of every webhook the gateway answers, {@link Fuzz#requestsPerFamily() 10,000} generated
 * requests per family (Twilio messages, Twilio status callbacks, X events, X CRC): well-formed signed ones, signed
 * ones tampered with afterwards, and hostile ones (junk values and types, missing and repeated fields, broken
 * escapes, bodies that are not UTF-8 or not JSON, odd ids and content types). For all: no 5xx, a problem body on
 * every 4xx, 403 for every tampered one, and no event published for any request not accepted, while every
 * well-formed one is published. The seed is printed; {@code -Dfuzz.seed=…} replays a run.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(ConfigServiceStub.class)
class WebhookFuzzTest {

    static final String PUBLIC_BASE = WhatsAppWebhookResourceTest.PUBLIC_BASE;
    static final String WHATSAPP_PATH = "/webhooks/whatsapp/" + ConfigServiceStub.WHATSAPP_ID;
    static final String TWITTER_PATH = "/webhooks/twitter/" + ConfigServiceStub.TWITTER_ID;
    static final Map<String, String> FORM = Map.of("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8");
    static final List<String> STATUSES = List.of("queued", "sending", "sent", "delivered", "read", "failed",
            "undelivered");
    static final List<String> TWILIO_FIELDS = List.of("MessageSid", "AccountSid", "From", "To", "Body", "ProfileName",
            "WaId", "NumMedia", "MediaUrl0", "MediaContentType0", "MediaUrl1", "Latitude", "Longitude", "Address",
            "ButtonPayload", "ButtonText", "ReferralBody", "OriginalRepliedMessageSid", "MessageStatus", "ErrorCode",
            "ErrorMessage", "SmsStatus", "ApiVersion");

    static long seed = Fuzz.seed();
    /** In every marker: tells this run's events from other tests' on the shared topics. */
    static String run = String.format("%016x", seed);

    @Test
    void twilioMessagesNeverEarnA5xxAndOnlyWellFormedSignedOnesArePublished() {
        assertPublishedExactlyTheAccepted(fuzz("Twilio messages", this::twilioMessage), Topics.INBOUND,
                Pattern.compile("SM" + run + "[0-9a-f]{16}"));
    }

    @Test
    void twilioStatusCallbacksNeverEarnA5xxAndOnlyWellFormedSignedOnesArePublished() {
        assertPublishedExactlyTheAccepted(fuzz("Twilio status callbacks", this::twilioStatus), Topics.WHATSAPP_STATUS,
                Pattern.compile("SM" + run + "[0-9a-f]{16}"));
    }

    @Test
    void xEventsNeverEarnA5xxAndOnlyWellFormedSignedOnesArePublished() {
        assertPublishedExactlyTheAccepted(fuzz("X events", this::xEvent), Topics.INBOUND,
                Pattern.compile("fz" + run + "x-?\\d+"));
    }

    @Test
    void xCrcChallengesNeverEarnA5xxAndOnlyXShapedTokensAreAnswered() {
        fuzz("X CRC", this::xCrc);
    }

    /** Every family from the run's seed (their markers differ by topic or shape), so the printed seed replays it. */
    private Fuzz.Report fuzz(String family, java.util.function.LongFunction<Case> cases) {
        Fuzz.Report report = Fuzz.run(family, "localhost", RestAssured.port, seed, Fuzz.requestsPerFamily(), 4, cases);
        assertThat(report.violations().isEmpty() ? null : report.violations().get(0))
                .as("first of %d violations", report.violations().size()).isNull();
        return report;
    }

    /** Every event of this run carries the marker of a request that was accepted, and every well-formed one is there. */
    private static void assertPublishedExactlyTheAccepted(Fuzz.Report report, String topic, Pattern marker) {
        Set<String> published = Fuzz.published(SharedInfrastructure.kafka().bootstrapServers(), topic, run, marker,
                report, Duration.ofSeconds(10));
        assertThat(published).as("events of requests that were refused").isSubsetOf(report.acceptedMarkers());
        assertThat(published).as("well-formed signed requests not published").containsAll(report.expectedAccepted());
    }

    // --- Twilio: a form, signed over the public URL and the sorted parameters ---

    private Case twilioMessage(long caseSeed) {
        Junk junk = new Junk(caseSeed);
        String sid = "SM" + run + String.format("%016x", caseSeed);
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("MessageSid", List.of(sid));
        params.put("AccountSid", List.of("AC0123456789abcdef0123456789abcdef"));
        String digits = "55119" + String.format("%08d", junk.between(0, 100_000_000));
        params.put("From", List.of("whatsapp:+" + digits));
        params.put("To", List.of("whatsapp:+5511999990000"));
        params.put("Body", List.of("Olá " + sid + " " + junk.characters(junk.between(0, 20)).replace('\u0000', ' ')));
        params.put("ProfileName", List.of("Maria"));
        params.put("WaId", List.of(digits));
        params.put("NumMedia", List.of("0"));
        return twilio(junk, WHATSAPP_PATH, params, sid);
    }

    private Case twilioStatus(long caseSeed) {
        Junk junk = new Junk(caseSeed);
        String sid = "SM" + run + String.format("%016x", caseSeed);
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("MessageSid", List.of(sid));
        params.put("AccountSid", List.of("AC0123456789abcdef0123456789abcdef"));
        String status = junk.pick(STATUSES);
        params.put("MessageStatus", List.of(status));
        if (status.equals("failed") || status.equals("undelivered")) {
            params.put("ErrorCode", List.of(junk.pick("63016", "63003", "30008")));
        }
        params.put("To", List.of("whatsapp:+5511" + String.format("%09d", junk.between(0, 1_000_000_000))));
        params.put("From", List.of("whatsapp:+5511999990000"));
        return twilio(junk, WHATSAPP_PATH + "/status", params, sid);
    }

    /** Well-formed (30%), tampered after signing (15%), or hostile (55%). */
    private Case twilio(Junk junk, String path, Map<String, List<String>> params, String marker) {
        int roll = junk.between(0, 100);
        if (roll < 30) {
            return form(path, params, sign(path, params), Expect.ACCEPTED, marker);
        }
        if (roll < 45) {
            String signature = sign(path, params);
            switch (junk.between(0, 5)) {
                case 0 -> params.put("Body", List.of(params.getOrDefault("Body", List.of("")).get(0) + "!"));
                case 1 -> params.put("From", List.of("whatsapp:+5511900000000"));
                case 2 -> params.put(junk.pick(TWILIO_FIELDS) + "X", List.of("added"));
                case 3 -> params.remove("To");
                default -> signature = TwilioWebhookSigner.sign("not-the-auth-token", PUBLIC_BASE + path, params);
            }
            return form(path, params, signature, Expect.FORBIDDEN, marker);
        }
        for (int m = junk.between(1, 4); m > 0; m--) {
            switch (junk.between(0, 4)) {
                case 0 -> params.remove(junk.pick(TWILIO_FIELDS));
                case 1 -> params.put(junk.pick(TWILIO_FIELDS) + junk.pick("", "", "7", "99999999999", "-1"),
                        List.of(junk.text()));
                case 2 -> params.put(junk.pick(TWILIO_FIELDS), List.of(junk.text(), junk.text()));
                default -> params.put(junk.pick(TWILIO_FIELDS), List.of(junk.text()));
            }
        }
        String target = junk.chance(0.1)
                ? "/webhooks/whatsapp/" + junk.pathSegment() + (path.endsWith("/status")
                        ? "/status"
                        : "")
                : path;
        String signature = junk.chance(0.85) ? sign(target, params) : junk.pick("", "garbage", "sha1=abc");
        if (junk.chance(0.1)) {
            // a body that is not a proper form: broken escapes, bytes that are not UTF-8, or another media type
            byte[] body = junk.pick(("Body=%" + junk.text()).getBytes(StandardCharsets.UTF_8), junk.bytes(junk.between(0,
                    300)), "{\"Body\":\"json\"}".getBytes(StandardCharsets.UTF_8), new byte[0]);
            Map<String, String> headers = Map.of("Content-Type", junk.pick(FORM.get("Content-Type"), "application/json",
                    "text/plain", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded; charset=latin1"),
                    "X-Twilio-Signature", signature);
            return new Case("POST", target, headers, body, Expect.ANY, marker);
        }
        return form(target, params, signature, Expect.ANY, marker);
    }

    private static String sign(String path, Map<String, List<String>> params) {
        return TwilioWebhookSigner.sign(ConfigServiceStub.AUTH_TOKEN, PUBLIC_BASE + path, params);
    }

    private static Case form(String path, Map<String, List<String>> params, String signature, Expect expect,
            String marker) {
        StringBuilder body = new StringBuilder();
        params.forEach((name, values) -> values.forEach(value -> body.append(body.isEmpty() ? "" : "&")
                .append(Junk.encode(name)).append('=').append(Junk.encode(value))));
        Map<String, String> headers = new LinkedHashMap<>(FORM);
        headers.put("X-Twilio-Signature", signature);
        return new Case("POST", path, headers, body.toString().getBytes(StandardCharsets.UTF_8), expect, marker);
    }

    // --- X: a JSON body signed with HMAC-SHA256 of the app secret ---

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> X_PATHS = List.of("/for_user_id", "/direct_message_events",
            "/direct_message_events/0", "/direct_message_events/0/type", "/direct_message_events/0/id",
            "/direct_message_events/0/created_timestamp", "/direct_message_events/0/message_create",
            "/direct_message_events/0/message_create/target/recipient_id", "/direct_message_events/0/message_create/sender_id",
            "/direct_message_events/0/message_create/message_data", "/direct_message_events/0/message_create/message_data/text",
            "/users", "/users/4002/name", "/users/4002/screen_name", "/users/4002/id");

    private Case xEvent(long caseSeed) {
        Junk junk = new Junk(caseSeed);
        String marker = "fz" + run + "x" + caseSeed;
        String sender = "4" + String.format("%06d", junk.between(0, 1_000_000));
        ObjectNode event = JSON.createObjectNode();
        event.put("for_user_id", ConfigServiceStub.X_ACCOUNT_ID);
        ObjectNode dm = event.putArray("direct_message_events").addObject();
        dm.put("type", "message_create").put("id", Long.toString(Math.abs(caseSeed))).put("created_timestamp",
                "1763726400000");
        ObjectNode create = dm.putObject("message_create");
        create.putObject("target").put("recipient_id", ConfigServiceStub.X_ACCOUNT_ID);
        create.put("sender_id", sender);
        create.putObject("message_data").put("text", "Oi " + marker);
        event.putObject("users").putObject(sender).put("id", sender).put("name", "Joana").put("screen_name", "joana");

        int roll = junk.between(0, 100);
        if (roll < 30) {
            byte[] body = bytes(event);
            return json(body, XSignature.of(ConfigServiceStub.X_SECRET, body), Expect.ACCEPTED, marker);
        }
        if (roll < 45) {
            byte[] body = bytes(event);
            String signature = XSignature.of(ConfigServiceStub.X_SECRET, body);
            if (junk.chance(0.8)) {
                body[junk.between(0, body.length)] ^= (byte) junk.between(1, 256);
            } else {
                signature = XSignature.of("not-the-app-secret", body);
            }
            return json(body, signature, Expect.FORBIDDEN, marker);
        }
        for (int m = junk.between(1, 4); m > 0; m--) {
            String path = junk.pick(X_PATHS).replace("4002", sender);
            JsonNode parent = event.at(path.substring(0, path.lastIndexOf('/')).isEmpty()
                    ? ""
                    : path.substring(0, path.lastIndexOf('/')));
            String field = path.substring(path.lastIndexOf('/') + 1);
            if (parent instanceof ObjectNode object) {
                if (junk.chance(0.3)) {
                    object.remove(field);
                } else {
                    object.set(field, junkValue(junk));
                }
            } else if (parent instanceof ArrayNode array) {
                array.add(junkValue(junk));
            }
        }
        byte[] body = bytes(event);
        if (junk.chance(0.15)) {
            body = junk.pick(java.util.Arrays.copyOf(body, junk.between(0, body.length)), junk.bytes(junk.between(0, 200)),
                    "null".getBytes(StandardCharsets.UTF_8), "[]".getBytes(StandardCharsets.UTF_8), new byte[0]);
        }
        String signature = junk.chance(0.85)
                ? XSignature.of(ConfigServiceStub.X_SECRET, body)
                : junk.pick("", "sha256=", "sha256=garbage", junk.text());
        Case signed = json(body, signature, Expect.ANY, marker);
        return junk.chance(0.1)
                ? new Case("POST", "/webhooks/twitter/" + junk.pathSegment(), signed.headers(), body,
                        Expect.ANY, marker)
                : signed;
    }

    private static JsonNode junkValue(Junk junk) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return switch (junk.between(0, 7)) {
            case 0 -> nodes.textNode(junk.text());
            case 1 -> nodes.numberNode(junk.pick(0L, -1L, Long.MAX_VALUE, 4002L));
            case 2 -> nodes.numberNode(junk.pick(1.5, Double.MAX_VALUE, -0.0));
            case 3 -> nodes.booleanNode(junk.chance(0.5));
            case 4 -> nodes.nullNode();
            case 5 -> nodes.arrayNode().add(junk.text()).add(nodes.objectNode());
            default -> nodes.objectNode().put(junk.text(), junk.text());
        };
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Case json(byte[] body, String signature, Expect expect, String marker) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("x-twitter-webhooks-signature", signature);
        return new Case("POST", TWITTER_PATH, headers, body, expect, marker);
    }

    // --- X CRC: answered only for tokens of X's shape ---

    private static final String CRC_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_=+/.-";

    private Case xCrc(long caseSeed) {
        Junk junk = new Junk(caseSeed);
        if (junk.chance(0.35)) {
            StringBuilder token = new StringBuilder();
            for (int i = junk.between(1, 257); i > 0; i--) {
                token.append(CRC_CHARACTERS.charAt(junk.between(0, CRC_CHARACTERS.length())));
            }
            return new Case("GET", TWITTER_PATH + "?crc_token=" + Junk.encode(token.toString()), Map.of(), null,
                    Expect.ACCEPTED, null);
        }
        String query = switch (junk.between(0, 6)) {
            case 0 -> "crc_token=" + junk.pick("%zz", "%", "%C3%28", "a%2", "");
            case 1 -> "crc_token=" + junk.uriText() + "&crc_token=" + junk.uriText();
            case 2 -> "other=" + junk.uriText();
            case 3 -> "";
            default -> "crc_token=" + junk.uriText();
        };
        String path = junk.chance(0.15) ? "/webhooks/twitter/" + junk.pathSegment() : TWITTER_PATH;
        return new Case(junk.chance(0.05) ? junk.pick("PUT", "DELETE", "PATCH", "OPTIONS") : "GET",
                path + (query.isEmpty() ? "" : "?" + query), Map.of(), null, Expect.ANY, null);
    }
}
