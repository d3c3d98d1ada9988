package omnichannel.config.rest;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import omnichannel.config.ConfigServiceTest;

@QuarkusTest
class InteractionValidationTest extends ConfigServiceTest {

    @Test
    void namesEveryBadWhatsAppField() {
        admin().body(whatsappBody("x").replace("AC0123456789abcdef0123456789abcdef", "XX1")
                .replace("+5511999990000", "11999").replace("\"defaultUnitId\":12", "\"defaultUnitId\":0")
                .replace("\"authToken\":\"" + AUTH_TOKEN + "\"", "\"authToken\":\"" + AUTH_TOKEN
                        + "\",\"templateContentSid\":\"nope\",\"messagesPerSecond\":0"))
                .when().post("/api/v1/interactions")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("whatsapp.accountSid", "whatsapp.number", "defaultUnitId",
                        "whatsapp.templateContentSid", "whatsapp.messagesPerSecond"))
                .body(not(containsString(AUTH_TOKEN)));
    }

    @Test
    void requiresTheSecretsAndTheChannelSectionOnCreate() {
        admin().body(whatsappBody("x").replaceAll(",\\s*\"authToken\":\"[^\"]*\"", ""))
                .post("/api/v1/interactions")
                .then().statusCode(400).body("errors.field", hasItem("whatsapp.authToken"));
        admin().body("{\"channel\":\"TWITTER_DM\",\"name\":\"x\",\"defaultUnitId\":1,\"defaultGroupId\":1,"
                + "\"defaultActivityId\":1,\"contactOriginId\":1}")
                .post("/api/v1/interactions")
                .then().statusCode(400).body("errors.field", hasItem("twitter"));
    }

    @Test
    void namesEveryBadTwitterField() {
        admin().body(twitterBody("x").replace("\"userId\":\"1234567890\"", "\"userId\":\"@maria\"")
                .replace("\"environment\":\"prod\"", "\"environment\":\"bad env!\"")
                .replace("\"deliveryMode\":\"WEBHOOK\"",
                        "\"deliveryMode\":\"WEBHOOK\",\"callbackUrl\":\"http://x.org:8443/cb\""))
                .post("/api/v1/interactions")
                .then().statusCode(400)
                .body("errors.field", hasItems("twitter.userId", "twitter.environment", "twitter.callbackUrl"));
    }

    @Test
    void rejectsSectionsOfTheOtherChannel() {
        admin().body(whatsappBody("x").replaceFirst("\\{", "{\"twitter\":{\"apiKey\":\"k\"},"))
                .post("/api/v1/interactions")
                .then().statusCode(400).body("errors.field", hasItem("twitter"));
    }

    @Test
    void rejectsUnknownAndReadOnlyFields() {
        admin().body(whatsappBody("x").replaceFirst("\\{", "{\"id\":\"mine\","))
                .post("/api/v1/interactions")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("id"));
        admin().body(whatsappBody("x").replaceFirst("\\{", "{\"callbackUrl\":\"https://evil\","))
                .post("/api/v1/interactions")
                .then().statusCode(400).body("errors.field", hasItem("callbackUrl"));
        admin().body(whatsappBody("x").replaceFirst("\\{", "{\"version\":3,"))
                .post("/api/v1/interactions")
                .then().statusCode(400).body("errors.field", hasItem("version"));
    }

    @Test
    void rejectsWrongTypesAndMalformedJsonWithAProblemNotA500() {
        admin().body(whatsappBody("x").replace("\"defaultUnitId\":12", "\"defaultUnitId\":\"twelve\""))
                .post("/api/v1/interactions")
                .then().statusCode(400).body("errors.field", hasItem("defaultUnitId"));
        admin().body(whatsappBody("x").replace("WHATSAPP_TWILIO", "TELEGRAM"))
                .post("/api/v1/interactions")
                .then().statusCode(400).body("errors.field", hasItem("channel"));
        admin().body("{\"channel\":").post("/api/v1/interactions")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void rejectsBodiesOver64Kib() {
        admin().body(whatsappBody("x".repeat(70 * 1024))).post("/api/v1/interactions").then().statusCode(413);
    }

    @Test
    void logOnlySignatureModeAlwaysEndsAtMostSevenDaysLater() {
        String logOnly = "\"authToken\":\"" + AUTH_TOKEN + "\",\"signatureMode\":\"LOG_ONLY\"";
        admin().body(whatsappBody("x").replace("\"authToken\":\"" + AUTH_TOKEN + "\"",
                logOnly + ",\"signatureLogOnlyHours\":200"))
                .post("/api/v1/interactions")
                .then().statusCode(400).body("errors.field", hasItem("whatsapp.signatureLogOnlyHours"));

        java.time.Instant before = java.time.Instant.now();
        String id = create(whatsappBody("log-only por 2 h").replace("\"authToken\":\"" + AUTH_TOKEN + "\"",
                logOnly + ",\"signatureLogOnlyHours\":2"));

        String until = admin().get("/api/v1/interactions/" + id).then().statusCode(200).extract()
                .path("whatsapp.signatureLogOnlyUntil");
        org.assertj.core.api.Assertions.assertThat(java.time.Instant.parse(until))
                .isBetween(before.plus(java.time.Duration.ofHours(2)).minusSeconds(2),
                        java.time.Instant.now().plus(java.time.Duration.ofHours(2)).plusSeconds(1));
        service().get("/internal/v1/interactions/" + id).then().statusCode(200)
                .body("signatureMode", org.hamcrest.Matchers.equalTo("LOG_ONLY"))
                .body("signatureLogOnlyUntil", org.hamcrest.Matchers.equalTo(until));
    }

    /** A fuzzer's finding: a NUL byte or a huge id in the path reached PostgreSQL and earned a 500. */
    @Test
    void anIdNobodyCouldHaveIsA4xxProblemNeverA5xx() {
        for (String id : new String[]{"%00", "a%00b"}) {
            admin().urlEncodingEnabled(false).get("/api/v1/interactions/" + id).then().statusCode(400)
                    .contentType("application/problem+json");
        }
        for (String id : new String[]{"x".repeat(300), "%E2%80%AE", "..%2F..%2Fetc"}) {
            admin().urlEncodingEnabled(false).get("/api/v1/interactions/" + id).then().statusCode(404)
                    .contentType("application/problem+json");
            admin().urlEncodingEnabled(false).get("/api/v1/interactions/" + id + "/audit").then().statusCode(404)
                    .contentType("application/problem+json");
            service().urlEncodingEnabled(false).get("/internal/v1/interactions/" + id).then().statusCode(404);
        }
    }

    @Test
    void aSecondaryAuthTokenIsKeptSealedServedToTheServicesMaskedToAdminsAndRemovedWithAnEmptyValue() {
        String secondary = "segundo-token-0123456789";
        String id = create(whatsappBody("rotação").replace("\"authToken\":\"" + AUTH_TOKEN + "\"",
                "\"authToken\":\"" + AUTH_TOKEN + "\",\"secondaryAuthToken\":\"" + secondary + "\""));

        service().get("/internal/v1/interactions/" + id).then().statusCode(200)
                .body("twilioSecondaryAuthToken", org.hamcrest.Matchers.equalTo(secondary));
        var view = admin().get("/api/v1/interactions/" + id).then().statusCode(200);
        view.body("whatsapp.secondaryAuthToken", org.hamcrest.Matchers.equalTo("****6789")).body(not(containsString(
                secondary)));
        String etag = view.extract().header("ETag");

        admin().header("If-Match", etag).body(whatsappBody("rotação").replace("\"authToken\":\"" + AUTH_TOKEN + "\"",
                "\"secondaryAuthToken\":\"\"")).put("/api/v1/interactions/" + id).then().statusCode(200);
        service().get("/internal/v1/interactions/" + id).then().statusCode(200)
                .body("twilioSecondaryAuthToken", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void aRequesterPolicyIsValidatedAndServedToTheServices() {
        admin().body(whatsappBody("genérico ruim").replaceFirst("\\{", """
                {"requesterPolicy":{"whenUnknown":"GENERIC"},"""))
                .post("/api/v1/interactions")
                .then().statusCode(400).body("errors.field", hasItem("requesterPolicy.genericRequesterLogin"));
        admin().body(whatsappBody("genérico ruim").replaceFirst("\\{", """
                {"requesterPolicy":{"whenUnknown":"CREATE","genericRequesterLogin":"atendimento.externo"},"""))
                .post("/api/v1/interactions")
                .then().statusCode(400).body("errors.field", hasItem("requesterPolicy.genericRequesterLogin"));

        String id = create(whatsappBody("genérico").replaceFirst("\\{", """
                {"requesterPolicy":{"whenUnknown":"GENERIC","genericRequesterLogin":"atendimento.externo"},"""));

        service().get("/internal/v1/interactions/" + id).then().statusCode(200)
                .body("requesterPolicy.whenUnknown", org.hamcrest.Matchers.equalTo("GENERIC"))
                .body("requesterPolicy.genericRequesterLogin", org.hamcrest.Matchers.equalTo("atendimento.externo"));
    }

    @Test
    void aMediaPolicyIsValidatedStoredAuditedAndServedToTheServices() {
        admin().body(whatsappBody("anexos ruins").replaceFirst("\\{", """
                {"mediaPolicy":{"maxBytes":999999999,"contentTypes":["image/*","qualquer coisa"]},"""))
                .post("/api/v1/interactions")
                .then().statusCode(400).body("errors.field", hasItems("mediaPolicy.maxBytes", "mediaPolicy.contentTypes"));

        String id = create(whatsappBody("anexos").replaceFirst("\\{", """
                {"mediaPolicy":{"maxBytes":2097152,"contentTypes":["image/*","Application/PDF"]},"""));

        admin().get("/api/v1/interactions/" + id).then().statusCode(200)
                .body("mediaPolicy.maxBytes", org.hamcrest.Matchers.equalTo(2097152))
                .body("mediaPolicy.contentTypes", org.hamcrest.Matchers.contains("image/*", "application/pdf"));
        service().get("/internal/v1/interactions/" + id).then().statusCode(200)
                .body("mediaPolicy.maxBytes", org.hamcrest.Matchers.equalTo(2097152));
        // removed: the services fall back to their defaults
        admin().header("If-Match", "\"0\"").body(whatsappBody("anexos")).put("/api/v1/interactions/" + id)
                .then().statusCode(200);
        service().get("/internal/v1/interactions/" + id).then().statusCode(200)
                .body("mediaPolicy", org.hamcrest.Matchers.nullValue());
        admin().get("/api/v1/interactions/" + id + "/audit").then().statusCode(200)
                .body("[0].fields", hasItem("mediaPolicy"));
    }

    @Test
    void businessHoursAreValidatedFieldByFieldStoredAndServedToTheServices() {
        admin().body(whatsappBody("horário ruim").replaceFirst("\\{", """
                {"businessHours":{"timeZone":"Mars/Olympus","weekly":{"MONDAY":["18:00-08:00"],
                 "TUESDAY":["08:00-12:00","11:00-13:00"]},"holidays":["25/12/2026"],"color":"blue"},"""))
                .post("/api/v1/interactions")
                .then().statusCode(400).contentType("application/problem+json");
        admin().body(whatsappBody("horário ruim").replaceFirst("\\{", """
                {"businessHours":{"timeZone":"Mars/Olympus","weekly":{"MONDAY":["18:00-08:00"],
                 "TUESDAY":["08:00-12:00","11:00-13:00"]},"holidays":["25/12/2026"]},"""))
                .post("/api/v1/interactions")
                .then().statusCode(400).body("errors.field", hasItems("businessHours.timeZone",
                        "businessHours.weekly.MONDAY", "businessHours.weekly.TUESDAY", "businessHours.holidays"));

        String id = create(whatsappBody("horário comercial").replaceFirst("\\{", """
                {"businessHours":{"timeZone":"America/Sao_Paulo","weekly":{"FRIDAY":["08:00-18:00"],
                 "MONDAY":["08:00-12:00","13:00-18:00"]},"holidays":["2026-12-25"],
                 "outOfHoursText":"Fora do horário: chamado {ticket}."},"""));

        admin().get("/api/v1/interactions/" + id).then().statusCode(200)
                .body("businessHours.timeZone", org.hamcrest.Matchers.equalTo("America/Sao_Paulo"))
                .body("businessHours.weekly.MONDAY", org.hamcrest.Matchers.contains("08:00-12:00", "13:00-18:00"))
                .body("businessHours.holidays", org.hamcrest.Matchers.contains("2026-12-25"));
        service().get("/internal/v1/interactions/" + id).then().statusCode(200)
                .body("businessHours.weekly.FRIDAY", org.hamcrest.Matchers.contains("08:00-18:00"))
                .body("businessHours.outOfHoursText", org.hamcrest.Matchers.equalTo("Fora do horário: chamado {ticket}."));
        // the same hours saved again (days in another order) are no change
        admin().header("If-Match", "\"0\"").body(whatsappBody("horário comercial 2").replaceFirst("\\{", """
                {"businessHours":{"timeZone":"America/Sao_Paulo","weekly":{"MONDAY":["08:00-12:00","13:00-18:00"],
                 "FRIDAY":["08:00-18:00"]},"holidays":["2026-12-25"],
                 "outOfHoursText":"Fora do horário: chamado {ticket}."},""")).put("/api/v1/interactions/" + id)
                .then().statusCode(200);
        admin().get("/api/v1/interactions/" + id + "/audit").then().statusCode(200)
                .body("[0].fields", hasItem("businessHours"))
                .body("[1].fields", hasItem("name")).body("[1].fields", not(hasItem("businessHours")));
    }
}
