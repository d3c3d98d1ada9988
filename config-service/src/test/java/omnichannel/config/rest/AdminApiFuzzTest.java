package omnichannel.config.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

import omnichannel.config.ConfigServiceTest;
import omnichannel.events.Topics;
import omnichannel.simulators.identity.Tokens;
import omnichannel.testing.SharedInfrastructure;
import omnichannel.testing.fuzz.Fuzz;
import omnichannel.testing.fuzz.Fuzz.Case;
import omnichannel.testing.fuzz.Fuzz.Expect;
import omnichannel.testing.fuzz.Junk;

/**
 * Property-based fuzzing of the admin API, {@link Fuzz#requestsPerFamily() 10,000} generated requests over every
 * endpoint and method with every kind of caller (admin, viewer, 4biz, no token, a forged, expired or foreign token):
 * valid creates, creates and updates with junk values and types, odd ids, paging and filters, If-Match values and
 * bodies that are not JSON. For all: no 5xx, a problem body on every 4xx, every valid create accepted, and no
 * interaction change published for a request that was refused. Verification is left out: it calls the providers.
 */
@QuarkusTest
class AdminApiFuzzTest extends ConfigServiceTest {

    static final List<String> FIELDS = List.of("channel", "name", "active", "defaultUnitId", "defaultGroupId",
            "defaultActivityId", "contactOriginId", "whatsapp", "twitter", "signatureMode", "signatureLogOnlyHours",
            "description", "id");
    static final List<String> WHATSAPP_FIELDS = List.of("number", "accountSid", "authToken", "secondaryAuthToken",
            "contentSid", "messagingServiceSid");
    static final List<String> TWITTER_FIELDS = List.of("apiKey", "apiSecretKey", "accessToken", "accessTokenSecret",
            "userId", "environment", "deliveryMode", "callbackUrl", "clientId", "clientSecret");

    @Test
    void theAdminApiNeverEarnsA5xxAndPublishesNothingForARefusedRequest() {
        smartChatReady();
        String existing = create(whatsappBody("fuzz-existing"));
        long seed = Fuzz.seed();
        String run = String.format("%016x", seed);
        Map<String, String> tokens = Map.of("admin", Tokens.shared().admin(), "viewer", Tokens.shared().viewer(),
                "4biz", Tokens.shared().fourBiz(), "expired",
                Tokens.shared().issue("admin@omnichannel.local", Duration.ofSeconds(-60), Tokens.ADMIN), "foreign",
                Tokens.shared().issueFor("another-app", "admin@omnichannel.local", Duration.ofHours(1), Tokens.ADMIN),
                "forged", new Tokens().admin());

        Fuzz.Report report = Fuzz.run("admin API", "localhost", RestAssured.port, seed, Fuzz.requestsPerFamily(), 4,
                caseSeed -> adminCall(new Junk(caseSeed), caseSeed, run, existing, tokens));

        assertThat(report.violations().isEmpty() ? null : report.violations().get(0))
                .as("first of %d violations", report.violations().size()).isNull();
        // the outbox publishes one change per transaction: give it time for the backlog of the run's creates
        Set<String> published = Fuzz.published(SharedInfrastructure.kafka().bootstrapServers(), Topics.INTERACTIONS, run,
                Pattern.compile("fz" + run + "-\\d+"), report, Duration.ofSeconds(90));
        assertThat(published).as("changes published for refused requests").isSubsetOf(report.acceptedMarkers());
        assertThat(published).as("valid creates not published").containsAll(report.expectedAccepted());
    }

    private static Case adminCall(Junk junk, long caseSeed, String run, String existing, Map<String, String> tokens) {
        String marker = "fz" + run + "-" + caseSeed;
        String caller = junk.chance(0.75)
                ? "admin"
                : junk.pick("viewer", "4biz", "none", "garbage", "expired", "foreign", "forged");
        Map<String, String> headers = new LinkedHashMap<>();
        if (tokens.containsKey(caller)) {
            headers.put("Authorization", "Bearer " + tokens.get(caller));
        } else if (caller.equals("garbage")) {
            headers.put("Authorization", junk.pick("Bearer ", "Bearer a.b.c", "Basic YWRtaW46YWRtaW4=", "Bearer "
                    + junk.uriText()));
        }
        String id = junk.chance(0.6) ? existing : junk.pathSegment();
        int roll = junk.between(0, 100);
        if (roll < 25) {
            // a create: valid (then accepted when the caller is an admin) or with junk values and types
            String body = junk.chance(0.5) ? whatsapp(caseSeed, marker) : twitter(caseSeed, marker);
            boolean valid = junk.chance(0.5);
            if (!valid) {
                body = mutate(junk, body);
            }
            headers.put("Content-Type", junk.chance(0.9)
                    ? "application/json"
                    : junk.pick("text/plain", "application/xml",
                            "application/json; charset=latin1", ""));
            byte[] payload = bytes(junk, body);
            boolean garbled = !java.util.Arrays.equals(payload, body.getBytes(StandardCharsets.UTF_8));
            Expect expect = valid && !garbled && caller.equals("admin")
                    && headers.get("Content-Type").equals("application/json") ? Expect.ACCEPTED : Expect.ANY;
            return new Case("POST", "/api/v1/interactions", headers, payload, expect, marker);
        }
        if (roll < 40) {
            headers.put("Content-Type", "application/json");
            if (junk.chance(0.5)) {
                headers.put("If-Match", junk.pick("\"0\"", "\"1\"", "*", "", "W/\"1\"", junk.uriText()));
            }
            String body = mutate(junk, junk.chance(0.5) ? whatsapp(caseSeed, marker) : twitter(caseSeed, marker));
            return new Case("PUT", "/api/v1/interactions/" + id, headers, bytes(junk, body), Expect.ANY, marker);
        }
        if (roll < 55) {
            String query = String.join("&", junk.pick("", "name=" + junk.uriText()),
                    junk.pick("", "channel=" + junk.pick("WHATSAPP_TWILIO", "TWITTER_DM", "SMS", junk.uriText())),
                    junk.pick("", "active=" + junk.pick("true", "false", "yes", junk.uriText())),
                    junk.pick("", "page=" + junk.pick("0", "1", "-1", "99999999999", "abc", "2147483647")),
                    junk.pick("", "size=" + junk.pick("0", "1", "20", "1000", "-5", "x")));
            return new Case("GET", "/api/v1/interactions?" + query, headers, null, Expect.ANY, marker);
        }
        String method = junk.pick("GET", "DELETE", "POST", "PUT", "PATCH", "OPTIONS", "HEAD");
        String path = junk.pick("/api/v1/interactions/" + id, "/api/v1/interactions/" + id + "/restore",
                "/api/v1/interactions/" + id + "/audit", "/api/v1/parameters", "/api/v1/parameters/"
                        // not the SmartChat parameters: unsetting one would refuse the valid creates (422)
                        + junk.pick("441", "453", "-1", "99999999999", junk.uriText()),
                "/api/v1/parameters/readiness", "/api/v1/dead-letters", "/api/v1/dead-letters/" + junk.pathSegment(),
                "/api/v1/dead-letters/" + junk.pathSegment() + "/replay", "/api/v1/dead-letters/replay?key="
                        + junk.uriText(),
                "/internal/v1/interactions/" + id, "/api/v1/" + junk.pathSegment(),
                // privacy, X connection and the internal X token: any caller, any body, never a 5xx
                "/api/v1/privacy/export", "/api/v1/privacy/erasure", "/api/v1/privacy/requests",
                "/api/v1/interactions/" + id + "/x-connection", "/api/v1/interactions/" + id
                        + "/x-connection/completion",
                "/internal/v1/interactions/" + id + "/x-access-token", "/internal/v1/interactions/" + id + "/retired",
                "/internal/v1/interactions/" + id + "/x-connection/revoked",
                // verification and templates ask the providers: only of ids that name no interaction here (404)
                "/api/v1/interactions/" + junk.pathSegment() + "/verification",
                "/api/v1/interactions/" + junk.pathSegment() + "/whatsapp/templates");
        if (method.equals("HEAD")) {
            // RawHttp reads a body only where one is announced; a HEAD answer announces one it never sends
            method = "GET";
        }
        byte[] body = null;
        if (method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) {
            headers.put("Content-Type", "application/json");
            body = bytes(junk, junk.pick("{\"value\":" + junk.pick("\"1\"", "1", "null", "\"" + junk.text()
                    .replace("\\", "").replace("\"", "") + "\"", "[]") + "}", "{}", "", "null", mutate(junk, whatsapp(caseSeed,
                            marker))));
        }
        return new Case(method, path, headers, body, Expect.ANY, marker);
    }

    private static String whatsapp(long caseSeed, String marker) {
        return """
                {"channel":"WHATSAPP_TWILIO","name":"%s","defaultUnitId":12,"defaultGroupId":3,
                 "defaultActivityId":170,"contactOriginId":7,
                 "whatsapp":{"number":"+55218%08d","accountSid":"AC0123456789abcdef0123456789abcdef",
                             "authToken":"%s"}}
                """.formatted(marker, Math.floorMod(caseSeed, 100_000_000L), AUTH_TOKEN);
    }

    private static String twitter(long caseSeed, String marker) {
        return """
                {"channel":"TWITTER_DM","name":"%s","defaultUnitId":12,"defaultGroupId":3,
                 "defaultActivityId":171,"contactOriginId":8,
                 "twitter":{"apiKey":"xvz1evFS4wEEPTGEFPHBog","apiSecretKey":"%s","accessToken":"%s",
                            "accessTokenSecret":"%s","userId":"%d","environment":"prod","deliveryMode":"POLLING"}}
                """.formatted(marker, API_SECRET, ACCESS_TOKEN, ACCESS_SECRET, 1_000_000_000L + Math.floorMod(caseSeed,
                1_000_000_000L));
    }

    /** One to three changes: a field set to junk of any JSON type, removed, or the text broken. */
    private static String mutate(Junk junk, String json) {
        String result = json;
        for (int m = junk.between(1, 4); m > 0; m--) {
            String field = junk.chance(0.6)
                    ? junk.pick(FIELDS)
                    : junk.pick(junk.chance(0.5) ? WHATSAPP_FIELDS : TWITTER_FIELDS);
            String value = junk.pick("null", "1", "-1", "1.5", "true", "[]", "{}", "\"\"", "9999999999999999999999",
                    "\"" + junk.text().replace("\\", "\\\\").replace("\"", "\\\"") + "\"", "\"" + junk.text().replace("\\",
                            "\\\\").replace("\"", "\\\"").replaceAll("[\\x00-\\x1f]", " ") + "\"");
            Matcher existing = Pattern.compile("\"" + field + "\"\\s*:\\s*(\"[^\"]*\"|[-\\w.]+|\\{[^}]*\\})").matcher(result);
            if (existing.find()) {
                result = result.substring(0, existing.start()) + (junk.chance(0.2)
                        ? "\"dropped\":0"
                        : "\"" + field + "\":" + value) + result.substring(existing.end());
            } else {
                result = result.replaceFirst("\\{", Matcher.quoteReplacement("{\"" + field + "\":" + value + ","));
            }
        }
        if (junk.chance(0.1)) {
            result = result.substring(0, junk.between(0, result.length()));
        }
        return result;
    }

    private static byte[] bytes(Junk junk, String body) {
        return junk.chance(0.03) ? junk.bytes(junk.between(0, 200)) : body.getBytes(StandardCharsets.UTF_8);
    }
}
