package omnichannel.config.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

import omnichannel.config.ConfigServiceTest;
import omnichannel.simulators.identity.IdentityProvider;

/**
 * The console over HTTP with a real login (authorization code flow against the tests' identity provider): the same
 * rules as the API with errors next to their fields, no secret in any page, the form token on every post, the roles,
 * conflicts, the security headers and the two languages. The browser walk-through is the system tests'
 * {@code ConsoleBrowserTest}.
 */
@QuarkusTest
@QuarkusTestResource(ConsoleIdentityProvider.class)
class ConsoleTest extends ConfigServiceTest {

    static final IdentityProvider.User ADMIN = IdentityProvider.USERS.get(0);
    static final IdentityProvider.User VIEWER = IdentityProvider.USERS.get(1);

    private static ConsoleSession login(IdentityProvider.User user) {
        return ConsoleSession.login("http://localhost:" + RestAssured.port, user.username(), user.password());
    }

    private static Map<String, String> whatsappForm(String csrf, String name, String number) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("csrf", csrf);
        form.put("channel", "WHATSAPP_TWILIO");
        form.put("name", name);
        form.put("defaultUnitId", "12");
        form.put("defaultGroupId", "3");
        form.put("defaultActivityId", "170");
        form.put("contactOriginId", "7");
        form.put("whatsapp.number", number);
        form.put("whatsapp.accountSid", "AC0123456789abcdef0123456789abcdef");
        form.put("whatsapp.authToken", AUTH_TOKEN);
        form.put("whatsapp.signatureMode", "ENFORCE");
        return form;
    }

    @Test
    void aFieldErrorIsShownNextToItsFieldThenTheCorrectedFormCreatesAndNoSecretIsEverRendered() {
        ConsoleSession admin = login(ADMIN);
        String csrf = admin.csrf("/console/interactions/new?channel=WHATSAPP_TWILIO");

        HttpResponse<String> refused = admin.post("/console/interactions", whatsappForm(csrf, "Console central",
                "11 9999-0000"), Map.of());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("id=\"e-whatsapp.number\"").contains("E.164")
                .contains("value=\"Console central\"").doesNotContain(AUTH_TOKEN);

        HttpResponse<String> created = admin.post("/console/interactions", whatsappForm(csrf, "Console central",
                "+5511999990000"), Map.of());
        assertThat(created.statusCode()).isEqualTo(303);
        String location = created.headers().firstValue("Location").orElseThrow();
        assertThat(location).matches(".*/console/interactions/[A-Za-z0-9_-]+\\?notice=created");

        String page = admin.get(location.replaceFirst("^https?://[^/]+", "")).body();
        String id = location.replaceFirst(".*/interactions/", "").replaceFirst("\\?.*", "");
        assertThat(page).contains("https://omnichannel.example.com/webhooks/whatsapp/" + id)
                .contains("****" + AUTH_TOKEN.substring(AUTH_TOKEN.length() - 4)).doesNotContain(AUTH_TOKEN)
                .contains("id=\"notice\"");
        viewer().get("/api/v1/interactions/" + id).then().statusCode(200);
    }

    @Test
    void businessHoursTemplatesPerPurposeAndTheMediaPolicyAreEditedInTheFormWithEachErrorNextToItsField() {
        ConsoleSession admin = login(ADMIN);
        String csrf = admin.csrf("/console/interactions/new?channel=WHATSAPP_TWILIO");
        assertThat(admin.get("/console/interactions/new?channel=WHATSAPP_TWILIO").body())
                .contains("id=\"business-hours\"").contains("{ticket} é o número do chamado")
                .doesNotContain("\\{ticket}");
        Map<String, String> form = whatsappForm(csrf, "Console horário", "+5511999990002");
        form.put("businessHours.timeZone", "America/Sao_Paulo");
        form.put("businessHours.weekly.MONDAY", "08:00-12:00, 13:00-18:00");
        form.put("businessHours.weekly.FRIDAY", "18:00-08:00");
        form.put("businessHours.holidays", "2026-12-25, 2027-01-01");
        form.put("mediaPolicy.maxBytes", "999999999");
        form.put("mediaPolicy.contentTypes", "image/*, application/pdf");

        HttpResponse<String> refused = admin.post("/console/interactions", form, Map.of());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("id=\"e-businessHours.weekly.FRIDAY\"")
                .contains("value=\"08:00-12:00, 13:00-18:00\"").contains("id=\"e-mediaPolicy.maxBytes\"");

        form.put("businessHours.weekly.FRIDAY", "08:00-17:00");
        form.put("mediaPolicy.maxBytes", "5242880");
        form.put("requesterPolicy.whenUnknown", "GENERIC");
        form.put("requesterPolicy.genericRequesterLogin", "atendimento.externo");
        form.put("whatsapp.templates.ATTENDANT_ANSWER.contentSid", "HX" + "a".repeat(32));
        form.put("whatsapp.templates.ATTENDANT_ANSWER.variables", "1=ticketNumber, 2 = answerExcerpt");
        HttpResponse<String> created = admin.post("/console/interactions", form, Map.of());
        assertThat(created.statusCode()).isEqualTo(303);
        String id = created.headers().firstValue("Location").orElseThrow().replaceFirst(".*/interactions/", "")
                .replaceFirst("\\?.*", "");
        viewer().get("/api/v1/interactions/" + id).then().statusCode(200)
                .body("businessHours.weekly.MONDAY", org.hamcrest.Matchers.contains("08:00-12:00", "13:00-18:00"))
                .body("businessHours.holidays", org.hamcrest.Matchers.contains("2026-12-25", "2027-01-01"))
                .body("whatsapp.templates.ATTENDANT_ANSWER.variables.2", org.hamcrest.Matchers.equalTo("answerExcerpt"))
                .body("mediaPolicy.maxBytes", org.hamcrest.Matchers.equalTo(5242880))
                .body("requesterPolicy.genericRequesterLogin", org.hamcrest.Matchers.equalTo("atendimento.externo"))
                .body("mediaPolicy.contentTypes", org.hamcrest.Matchers.contains("image/*", "application/pdf"));
        assertThat(admin.get("/console/interactions/" + id).body()).contains("value=\"08:00-17:00\"")
                .contains("value=\"5242880\"").contains("<option value=\"GENERIC\" selected>")
                .contains("value=\"image/*, application/pdf\"")
                .contains("value=\"2026-12-25, 2027-01-01\"").contains("value=\"1=ticketNumber, 2=answerExcerpt\"");
    }

    @Test
    void everyConsolePostWithoutTheFormTokenOrFromAnotherSiteIsRefused() {
        ConsoleSession admin = login(ADMIN);
        String csrf = admin.csrf("/console/interactions/new");
        List<String> posts = Arrays.stream(ConsoleResource.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(POST.class))
                .map(ConsoleTest::path)
                .toList();
        assertThat(posts).hasSizeGreaterThanOrEqualTo(8);
        for (String path : posts) {
            Map<String, String> noToken = whatsappForm(csrf, "Forged", "+5511999990001");
            noToken.remove("csrf");
            assertThat(admin.post(path, noToken, Map.of()).statusCode()).as("no token: " + path).isEqualTo(403);
            noToken.put("csrf", "forged-" + csrf.substring(7));
            assertThat(admin.post(path, noToken, Map.of()).statusCode()).as("wrong token: " + path)
                    .isEqualTo(403);
            assertThat(admin.post(path, whatsappForm(csrf, "Forged", "+5511999990001"),
                    Map.of("Origin", "https://evil.example")).statusCode()).as("other origin: " + path)
                    .isEqualTo(403);
            assertThat(admin.post(path, whatsappForm(csrf, "Forged", "+5511999990001"),
                    Map.of("Origin", "null")).statusCode()).as("opaque origin: " + path).isEqualTo(403);
        }
        // another login's token is not this one's
        String othersToken = login(ADMIN).csrf("/console/interactions/new");
        assertThat(othersToken).isNotEqualTo(csrf);
        assertThat(admin.post("/console/interactions", whatsappForm(othersToken, "Forged", "+5511999990001"), Map.of())
                .statusCode()).isEqualTo(403);
        assertThat(viewer().queryParam("name", "Forged").get("/api/v1/interactions").then().statusCode(200)
                .extract().path("total").toString()).isEqualTo("0");
    }

    @Test
    void pathIdsThatAreNotInteractionIdsAreNotFoundAndNeverPassedOn() {
        ConsoleSession admin = login(ADMIN);
        String csrf = admin.csrf("/console/interactions/new");
        // (a bare ".." is resolved by the HTTP layer into another console page before any id is read)
        for (String id : List.of("%2F..%2F..%2Fq%2Fhealth", "a%20b", "x%3Fy%3D1", "%00", "abc%2Fdef")) {
            for (String path : List.of("/console/interactions/" + id + "/x-webhook/crc",
                    "/console/interactions/" + id + "/x-webhook/registration", "/console/interactions/" + id
                            + "/verification",
                    "/console/interactions/" + id + "/x-connection", "/console/interactions/" + id + "/restore")) {
                int status = admin.post(path, Map.of("csrf", csrf), Map.of()).statusCode();
                assertThat(status).as(path).isIn(400, 404);
            }
            assertThat(admin.get("/console/interactions/" + id).statusCode()).as(id).isIn(400, 404);
        }
    }

    private static String path(Method method) {
        String sub = method.isAnnotationPresent(Path.class) ? method.getAnnotation(Path.class).value() : "";
        return "/console" + sub.replace("{id}", "abcdefghijklmnopqrstuv").replace("{action}", "crc");
    }

    @Test
    void aViewerSeesNoWriteActionAndCannotWriteEvenWithItsOwnToken() {
        smartChatReady();
        String id = admin().body(whatsappBody("Console viewer")).post("/api/v1/interactions").then().statusCode(201)
                .extract().path("id");
        ConsoleSession viewer = login(VIEWER);
        String list = viewer.get("/console/interactions").body();
        assertThat(list).contains("Console viewer").doesNotContain("id=\"new-whatsapp\"")
                .doesNotContain("class=\"delete\"");
        String page = viewer.get("/console/interactions/" + id).body();
        assertThat(page).contains("<fieldset disabled>").doesNotContain("id=\"save\"")
                .doesNotContain("id=\"verify\"").doesNotContain("id=\"delete\"").doesNotContain(AUTH_TOKEN);
        String csrf = viewer.csrf("/console/interactions/" + id);
        assertThat(viewer.post("/console/interactions/" + id + "/delete", Map.of("csrf", csrf), Map.of())
                .statusCode()).isEqualTo(403);
        assertThat(viewer.get("/console/interactions/new?channel=WHATSAPP_TWILIO").statusCode()).isEqualTo(403);
        viewer().get("/api/v1/interactions/" + id).then().statusCode(200);
    }

    @Test
    void anEditBasedOnAnOlderVersionIsAConflictAndOverwritesNothing() {
        smartChatReady();
        var created = admin().body(whatsappBody("Console conflict")).post("/api/v1/interactions").then()
                .statusCode(201).extract();
        String id = created.path("id");
        ConsoleSession admin = login(ADMIN);
        String csrf = admin.csrf("/console/interactions/" + id);
        // someone else saves first
        admin().header("If-Match", "\"0\"").body(whatsappBody("Renamed elsewhere"))
                .put("/api/v1/interactions/" + id).then().statusCode(200);

        Map<String, String> mine = whatsappForm(csrf, "My rename", "+5511999990000");
        mine.put("version", "0");
        mine.remove("whatsapp.authToken");
        HttpResponse<String> conflict = admin.post("/console/interactions/" + id, mine, Map.of());
        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(conflict.body()).contains("id=\"conflict\"").contains("value=\"My rename\"");
        viewer().get("/api/v1/interactions/" + id).then().statusCode(200)
                .body("name", org.hamcrest.Matchers.equalTo("Renamed elsewhere"));
    }

    @Test
    void theHealthPanelAddsUpTheGatewaysReportsOfBadSignaturesAndCountsTheInteractionsDeadLetters()
            throws Exception {
        String id = admin().body(whatsappBody("Console health").replace("\"contactOriginId\":7",
                "\"contactOriginId\":7,\"active\":false")).post("/api/v1/interactions").then().statusCode(201)
                .extract().path("id");
        java.time.Instant now = java.time.Instant.now();
        // two gateway replicas report; a report without counts is refused
        for (int failures : new int[]{2, 3}) {
            service().body("{\"counts\":[{\"interactionId\":\"%s\",\"failures\":%d,\"lastAt\":\"%s\"}]}"
                    .formatted(id, failures, now)).post("/internal/v1/signature-failures").then().statusCode(204);
        }
        // one dead letter of this interaction, one of another
        deadLetter(id + ":+5511900001111", "{\"n\":1}", "console health test");
        deadLetter("another-interaction:+5511900001111", "{\"n\":2}", "console health test");
        service().body("{\"counts\":[{\"interactionId\":\"%s\",\"failures\":0,\"lastAt\":\"%s\"}]}"
                .formatted(id, now)).post("/internal/v1/signature-failures").then().statusCode(400);

        String page = login(ADMIN).get("/console/interactions/" + id).body();
        assertThat(page).containsPattern("id=\"health-signatures\" class=\"failed\">5 ")
                .containsPattern("id=\"health-dead-letters\" class=\"failed\">1 ")
                .contains(now.toString().substring(0, 19))
                // ticket-bridge is not configured in this test: the panel says so instead of showing zeros
                .contains("id=\"health-problem\"").contains("TICKET_BRIDGE_URL");
    }

    @Test
    void pagesCarryAStrictContentSecurityPolicyAndSpeakPortugueseOrEnglish() {
        ConsoleSession admin = login(ADMIN);
        HttpResponse<String> page = admin.get("/console/interactions");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElse(""))
                .contains("default-src 'none'").contains("script-src 'self'").contains("frame-ancestors 'none'")
                .doesNotContain("unsafe");
        assertThat(page.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        assertThat(page.body()).contains("lang=\"pt-BR\"").contains("Pesquisar").doesNotContain("style=");

        HttpResponse<String> english = admin.get("/console/language/en");
        assertThat(english.body()).contains("lang=\"en\"").contains("Search");
    }
}
