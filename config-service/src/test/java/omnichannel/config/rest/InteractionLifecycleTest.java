package omnichannel.config.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import omnichannel.config.ConfigServiceTest;

@QuarkusTest
class InteractionLifecycleTest extends ConfigServiceTest {

    @Test
    void createsAWhatsAppInteractionWithGeneratedIdCallbackUrlAndMaskedSecret() {
        smartChatReady();
        String location = admin().body(whatsappBody("Suporte WhatsApp"))
                .when().post("/api/v1/interactions")
                .then().statusCode(201)
                .header("ETag", notNullValue())
                .body("id", matchesPattern("[A-Za-z0-9_-]{22}"))
                .body("callbackUrl", matchesPattern("https://omnichannel\\.example\\.com/webhooks/whatsapp/[A-Za-z0-9_-]{22}"))
                .body("whatsapp.authToken", equalTo("****cret"))
                .body("whatsapp.messagesPerSecond", equalTo(10))
                .body("whatsapp.signatureMode", equalTo("ENFORCE"))
                .body(not(containsString(AUTH_TOKEN)))
                .extract().header("Location");

        String id = location.substring(location.lastIndexOf('/') + 1);
        viewer().when().get("/api/v1/interactions/" + id)
                .then().statusCode(200)
                .body("id", equalTo(id))
                .body("defaultUnitId", equalTo(12))
                .body("callbackUrl", equalTo("https://omnichannel.example.com/webhooks/whatsapp/" + id))
                .body("whatsapp.twilioWebhookUrl",
                        equalTo("https://omnichannel.example.com/webhooks/whatsapp/" + id + "#rc=5&rp=5xx,ct,rt"))
                .body(not(containsString(AUTH_TOKEN)));
    }

    @Test
    void createsATwitterInteractionWithEverySecretMasked() {
        String id = create(twitterBody("Suporte X"));

        viewer().when().get("/api/v1/interactions/" + id)
                .then().statusCode(200)
                .body("channel", equalTo("TWITTER_DM"))
                .body("callbackUrl", equalTo("https://omnichannel.example.com/webhooks/twitter/" + id))
                .body("twitter.apiKey", equalTo("xvz1evFS4wEEPTGEFPHBog"))
                .body("twitter.apiSecretKey", equalTo("****cdef"))
                .body("twitter.accessToken", equalTo("****tsrq"))
                .body("twitter.accessTokenSecret", equalTo("****3210"))
                // the Account Activity API's old name is still read, as the fallback mode it now is
                .body("twitter.deliveryMode", equalTo("ACCOUNT_ACTIVITY"))
                .body(not(containsString(API_SECRET)));
    }

    @Test
    void xCallbackUrlMayBeOverridden() {
        String id = create(twitterBody("X override").replace("\"deliveryMode\":\"WEBHOOK\"",
                "\"deliveryMode\":\"WEBHOOK\",\"callbackUrl\":\"https://hooks.example.org/x/abc\""));

        viewer().get("/api/v1/interactions/" + id).then().body("callbackUrl", equalTo("https://hooks.example.org/x/abc"));
    }

    @Test
    void updateWithTheCurrentVersionSucceedsAndKeepsAnOmittedSecret() {
        String id = create(whatsappBody("Antes"));
        String etag = viewer().get("/api/v1/interactions/" + id).then().extract().header("ETag");
        String withoutToken = whatsappBody("Depois")
                .replaceAll(",\\s*\"authToken\":\"[^\"]*\"", "");

        admin().header("If-Match", etag).body(withoutToken)
                .when().put("/api/v1/interactions/" + id)
                .then().statusCode(200)
                .body("name", equalTo("Depois"))
                .body("version", equalTo(1))
                .body("whatsapp.authToken", equalTo("****cret"));

        service().get("/internal/v1/interactions/" + id).then().body("twilioAuthToken", equalTo(AUTH_TOKEN));
    }

    @Test
    void updateAgainstAStaleVersionIs409() {
        String id = create(whatsappBody("Concorrente"));
        admin().header("If-Match", "\"0\"").body(whatsappBody("Primeira")).put("/api/v1/interactions/" + id)
                .then().statusCode(200);

        admin().header("If-Match", "\"0\"").body(whatsappBody("Segunda"))
                .when().put("/api/v1/interactions/" + id)
                .then().statusCode(409).contentType("application/problem+json");
        admin().body(whatsappBody("Terceira").replaceFirst("\\{", "{\"version\":0,"))
                .when().put("/api/v1/interactions/" + id)
                .then().statusCode(409);
    }

    @Test
    void updateWithoutAVersionIs400AndTheChannelCannotChange() {
        String id = create(whatsappBody("Sem versão"));

        admin().body(whatsappBody("x")).put("/api/v1/interactions/" + id)
                .then().statusCode(400).body("errors.field", hasItem("version"));
        admin().header("If-Match", "\"0\"").body(twitterBody("x")).put("/api/v1/interactions/" + id)
                .then().statusCode(400).body("errors.field", hasItem("channel"));
    }

    @Test
    void logicalDeleteHidesTheInteractionKeepsTheRowAndRestoreBringsItBack() {
        String id = create(whatsappBody("Apagável"));

        admin().when().delete("/api/v1/interactions/" + id).then().statusCode(204);

        viewer().get("/api/v1/interactions/" + id).then().statusCode(404);
        service().get("/internal/v1/interactions/" + id).then().statusCode(404);
        viewer().queryParam("name", "Apagável").get("/api/v1/interactions").then().body("total", equalTo(0));
        admin().delete("/api/v1/interactions/" + id).then().statusCode(404);

        admin().when().post("/api/v1/interactions/" + id + "/restore").then().statusCode(200).body("id", equalTo(id));
        viewer().get("/api/v1/interactions/" + id).then().statusCode(200);
    }

    @Test
    void listFiltersByNameChannelAndActiveAndPages() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        create(whatsappBody("Lista " + tag + " A"));
        create(whatsappBody("Lista " + tag + " B"));
        create(twitterBody("Lista " + tag + " C"));
        smartChatReady();
        admin().body(whatsappBody("Lista " + tag + " D").replaceFirst("\\{", "{\"active\":false,"))
                .post("/api/v1/interactions").then().statusCode(201);

        viewer().queryParam("name", tag.toUpperCase()).get("/api/v1/interactions")
                .then().statusCode(200).body("total", equalTo(4));
        viewer().queryParam("name", tag).queryParam("channel", "TWITTER_DM").get("/api/v1/interactions")
                .then().body("total", equalTo(1)).body("items.name", contains("Lista " + tag + " C"));
        viewer().queryParam("name", tag).queryParam("active", false).get("/api/v1/interactions")
                .then().body("items.name", contains("Lista " + tag + " D"));
        viewer().queryParam("name", tag).queryParam("size", 2).queryParam("page", 1).get("/api/v1/interactions")
                .then().body("total", equalTo(4)).body("items.name", contains("Lista " + tag + " C", "Lista " + tag + " D"));
        viewer().queryParam("size", 0).get("/api/v1/interactions").then().statusCode(400);
    }

    @Test
    void auditTrailNamesWhoChangedWhichFieldsAndNeverValues() {
        String id = create(whatsappBody("Auditada"));
        admin().header("If-Match", "\"0\"")
                .body(whatsappBody("Auditada 2").replace(AUTH_TOKEN, "another-token-value-1234"))
                .put("/api/v1/interactions/" + id).then().statusCode(200);
        admin().delete("/api/v1/interactions/" + id).then().statusCode(204);

        viewer().get("/api/v1/interactions/" + id + "/audit")
                .then().statusCode(200)
                .body("action", contains("CREATED", "UPDATED", "DELETED"))
                .body("actor", everyItem(equalTo("admin@omnichannel.local")))
                .body("[1].fields", hasItems("name", "whatsapp.authToken"))
                .body(not(containsString(AUTH_TOKEN)))
                .body(not(containsString("another-token-value-1234")));
    }

    @Test
    void unknownInteractionIs404Problem() {
        viewer().get("/api/v1/interactions/nope")
                .then().statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
        given().auth().oauth2(omnichannel.simulators.identity.Tokens.shared().admin())
                .post("/api/v1/interactions/nope/restore").then().statusCode(404);
    }
}
