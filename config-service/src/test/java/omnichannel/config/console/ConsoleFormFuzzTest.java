package omnichannel.config.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

import omnichannel.config.ConfigServiceTest;
import omnichannel.simulators.identity.IdentityProvider;
import omnichannel.testing.fuzz.Fuzz;

/**
 * The console's forms under generated input, as a logged-in admin's browser would post it ({@code -Dfuzz.requests},
 * {@code -Dfuzz.seed} as for the API's fuzz suite): every field of both channels' forms set to values that are empty,
 * long, of the wrong kind, hostile HTML or control characters, unknown fields added, the form token missing or wrong,
 * another site's {@code Origin}, and hostile interaction ids in every path. Never a 5xx, a post without the right
 * token or from another origin never taken (403 from the form check, or refused earlier: too large, no such route), no
 * value echoed as live HTML, no secret in a page.
 */
@QuarkusTest
@QuarkusTestResource(ConsoleIdentityProvider.class)
class ConsoleFormFuzzTest extends ConfigServiceTest {

    /** Put in values; a page that shows it unescaped would run what an attacker typed. */
    private static final String MARKUP = "<x-fz onclick=1>";

    private static final List<String> FIELDS = List.of("name", "active", "defaultUnitId", "defaultGroupId",
            "defaultActivityId", "contactOriginId", "helperInterception", "mediaPolicy.contentTypes",
            "mediaPolicy.maxBytes", "requesterPolicy.whenUnknown", "requesterPolicy.genericRequesterLogin",
            "businessHours.timeZone", "businessHours.holidays", "businessHours.outOfHoursText", "whatsapp.number",
            "whatsapp.accountSid", "whatsapp.authToken", "whatsapp.secondaryAuthToken", "whatsapp.signatureMode",
            "whatsapp.signatureLogOnlyHours", "whatsapp.messagesPerSecond", "whatsapp.templateContentSid",
            "twitter.userId", "twitter.apiKey", "twitter.apiSecretKey", "twitter.accessToken",
            "twitter.accessTokenSecret", "twitter.environment", "twitter.deliveryMode", "twitter.callbackUrl",
            "twitter.clientId", "twitter.clientSecret", "templates.ATTENDANT_ANSWER.contentSid",
            "templates.ATTENDANT_ANSWER.variables", "templates.ATTENDANT_ANSWER.excerptLength", "channel", "version");

    private static final List<String> IDS = List.of("%2F..%2F", "..", "a%20b", "%00", "x".repeat(300), "ç%C3%A7",
            "%3Cscript%3E", "-", "'%20or%201=1", "%E2%80%AE", "unknown-id");

    private static String value(Random random) {
        return switch (random.nextInt(16)) {
            case 0 -> "";
            case 1 -> " ";
            case 2 -> "x".repeat(1 + random.nextInt(6000));
            case 3 -> MARKUP + "\"'&";
            case 4 -> "-1";
            case 5 -> "99999999999999999999";
            case 6 -> "NaN";
            case 7 -> "1e9";
            case 8 -> "linha\nquebrada\r\n";
            case 9 -> "nul\u0000char";
            case 10 -> "ção 名前 🙂";
            case 11 -> "true";
            case 12 -> "javascript:alert(1)";
            case 13 -> "https://169.254.169.254/latest/meta-data";
            case 14 -> "+5511" + (900000000 + random.nextInt(99999999));
            default -> Integer.toString(random.nextInt(1000));
        };
    }

    private static Map<String, String> validForm(String channel, Random random) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("channel", channel);
        form.put("name", "Fuzz " + random.nextInt(1_000_000));
        form.put("defaultUnitId", "12");
        form.put("defaultGroupId", "3");
        form.put("defaultActivityId", "170");
        form.put("contactOriginId", "7");
        if (channel.equals("WHATSAPP_TWILIO")) {
            form.put("whatsapp.number", "+5511" + (900000000 + random.nextInt(99999999)));
            form.put("whatsapp.accountSid", "AC0123456789abcdef0123456789abcdef");
            form.put("whatsapp.authToken", AUTH_TOKEN);
            form.put("whatsapp.signatureMode", "ENFORCE");
        } else {
            form.put("twitter.userId", Long.toString(1_000_000L + random.nextInt(1_000_000)));
            form.put("twitter.apiKey", "fuzz-api-key");
            form.put("twitter.apiSecretKey", API_SECRET);
            form.put("twitter.accessToken", ACCESS_TOKEN);
            form.put("twitter.accessTokenSecret", "fuzz-access-token-secret");
            form.put("twitter.deliveryMode", "POLLING");
        }
        return form;
    }

    private record Case(String method, String path, Map<String, String> form, Map<String, String> headers,
            boolean rightToken) {
    }

    private static Case generate(Random random, String csrf, String existingId) {
        Map<String, String> form = validForm(random.nextBoolean() ? "WHATSAPP_TWILIO" : "TWITTER_DM", random);
        for (int i = 0, n = random.nextInt(5); i < n; i++) {
            form.put(FIELDS.get(random.nextInt(FIELDS.size())), value(random));
        }
        if (random.nextInt(10) == 0) {
            form.put("unknown." + random.nextInt(100), value(random));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        boolean rightToken = true;
        switch (random.nextInt(12)) {
            case 0 -> rightToken = false; // no token
            case 1 -> {
                form.put("csrf", csrf.substring(0, csrf.length() - 1) + (csrf.endsWith("A") ? "B" : "A"));
                rightToken = false;
            }
            case 2 -> {
                form.put("csrf", csrf);
                headers.put("Origin", "https://evil.example.com");
                rightToken = false;
            }
            default -> form.put("csrf", csrf);
        }
        String id = random.nextInt(4) == 0 ? IDS.get(random.nextInt(IDS.size())) : existingId;
        return switch (random.nextInt(8)) {
            case 0, 1, 2 -> new Case("POST", "/console/interactions", form, headers, rightToken);
            case 3, 4 -> new Case("POST", "/console/interactions/" + id, form, headers, rightToken);
            case 5 -> new Case("GET", "/console/interactions/" + id
                    + (random.nextBoolean()
                            ? ""
                            : "?notice=" + URLEncoder.encode(value(random),
                                    StandardCharsets.UTF_8)),
                    Map.of(), Map.of(), true);
            case 6 -> new Case("POST", "/console/interactions/" + IDS.get(random.nextInt(IDS.size()))
                    + (random.nextBoolean() ? "/delete" : "/restore"), form, headers, rightToken);
            default -> new Case("POST", "/console/interactions/" + IDS.get(random.nextInt(IDS.size()))
                    + "/verification", form, headers, rightToken);
        };
    }

    @Test
    void theConsolesFormsNeverEarnA5xxNeverRunATypedValueAndRefuseAPostWithoutItsToken() throws Exception {
        IdentityProvider.User admin = IdentityProvider.USERS.get(0);
        ConsoleSession session = ConsoleSession.login("http://localhost:" + RestAssured.port, admin.username(),
                admin.password());
        String csrf = session.csrf("/console/interactions/new?channel=WHATSAPP_TWILIO");
        Map<String, String> first = validForm("WHATSAPP_TWILIO", new Random(1));
        first.put("csrf", csrf);
        HttpResponse<String> created = session.post("/console/interactions", first, Map.of());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(303);
        String existingId = created.headers().firstValue("Location").orElseThrow()
                .replaceFirst(".*/interactions/", "").replaceFirst("\\?.*", "");

        Set<String> createdIds = ConcurrentHashMap.newKeySet();
        Fuzz.Tally tally = Fuzz.repeat("console forms", Fuzz.seed(), Fuzz.requestsPerFamily(), 4, () -> () -> {
        }, (noConnection, caseSeed) -> {
            Case c = generate(new Random(caseSeed), csrf, existingId);
            HttpResponse<String> response = c.method().equals("GET")
                    ? session.get(c.path())
                    : session.post(c.path(), c.form(), c.headers());
            response.headers().firstValue("Location").filter(l -> l.contains("notice=created"))
                    .ifPresent(l -> createdIds.add(l.replaceFirst(".*/interactions/", "").replaceFirst("\\?.*", "")));
            String problem = check(c, response);
            return new Fuzz.Outcome(response.statusCode(),
                    problem == null ? null : c.method() + " " + c.path() + " " + c.form().keySet() + " -> " + problem);
        });
        // the other console tests read the list of interactions: what the run created goes
        createdIds.add(existingId);
        createdIds.forEach(id -> admin().delete("/api/v1/interactions/" + id).then().statusCode(204));

        assertThat(tally.violations()).isEmpty();
        assertThat(tally.statuses()).as("refused posts and accepted ones both seen").containsKeys(403, 303, 400);
    }

    private static String check(Case c, HttpResponse<String> response) {
        int status = response.statusCode();
        String body = response.body();
        if (status >= 500) {
            return "answered " + status;
        }
        if (!c.method().equals("GET") && !c.rightToken() && status < 400) {
            return "a post without its form token, or from another origin, was taken: " + status;
        }
        if (body.contains(MARKUP) || body.toLowerCase().contains("<x-fz")) {
            return "a typed value was echoed as live HTML";
        }
        if (body.contains(AUTH_TOKEN) || body.contains(API_SECRET) || body.contains(ACCESS_TOKEN)) {
            return "a secret was rendered in the page";
        }
        return null;
    }
}
