package omnichannel.config.rest;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import omnichannel.config.ConfigServiceTest;

@QuarkusTest
class ParameterResourceTest extends ConfigServiceTest {

    static void set(int id, String value, int status) {
        admin().body("{\"value\":\"" + value + "\"}").put("/api/v1/parameters/" + id).then().statusCode(status);
    }

    static void helperReady() {
        set(402, "https://helper.example.com", 200);
        set(423, "N", 200);
        set(441, "https://helper.example.com/webhooks/rest/webhook", 200);
        set(442, "https://helper.example.com/parameters", 200);
        set(450, "S", 200);
        set(453, "Não entendi. Digite menu para ver as opções.", 200);
    }

    @Test
    void validatesEachParameterByItsRule() {
        for (int id : new int[]{118, 315, 317, 390, 447}) {
            set(id, "0", 400);
            set(id, "abc", 400);
            set(id, "42", 200);
        }
        for (int id : new int[]{402, 441, 442}) {
            set(id, "ftp://helper", 400);
            set(id, "not a url", 400);
        }
        // the bridge posts people's messages to the Helper's APIs: https to public addresses only
        for (int id : new int[]{441, 442}) {
            for (String inside : new String[]{"http://helper.example.com/webhook", "https://127.0.0.1/webhook",
                    "https://localhost:8443/webhook", "https://169.254.169.254/latest/meta-data",
                    "https://10.0.0.7/webhook", "https://[::1]/webhook", "https://[fd00::1]/webhook",
                    "https://[::ffff:192.168.0.1]/webhook", "https://user:pw@helper.example.com/webhook"}) {
                set(id, inside, 400);
            }
        }
        set(423, "Y", 400);
        set(450, "sim", 400);
        set(453, "Não entendi.", 400);
        admin().body("{\"value\":\"1\"}").put("/api/v1/parameters/999").then().statusCode(404);
        admin().body("{\"value\":\"x\"}").put("/api/v1/parameters/118")
                .then().statusCode(400).body("errors.field", hasItem("value"));
    }

    @Test
    void listsEveryParameterWithItsValueAndProblem() {
        set(118, "7", 200);
        viewer().get("/api/v1/parameters")
                .then().statusCode(200)
                .body("find { it.id == 118 }.value", equalTo("7"))
                .body("find { it.id == 118 }.name", containsString("contrato"))
                .body("id", hasItem(453));
    }

    @Test
    void readinessNamesMissingAndInvalidParametersAndActivationIsRefusedUntilReady() {
        smartChatReady();
        admin().delete("/api/v1/parameters/315").then().statusCode(204);
        try {
            viewer().get("/api/v1/parameters/readiness")
                    .then().statusCode(200)
                    .body("smartChat.ready", equalTo(false))
                    .body("smartChat.missing", contains(315));

            admin().body(whatsappBody("Inativável")).post("/api/v1/interactions")
                    .then().statusCode(422).contentType("application/problem+json")
                    .body("detail", containsString("315"));
            admin().body(whatsappBody("Inativa").replaceFirst("\\{", "{\"active\":false,")).post("/api/v1/interactions")
                    .then().statusCode(201);
        } finally {
            smartChatReady();
        }
        viewer().get("/api/v1/parameters/readiness").then().body("smartChat.ready", equalTo(true));
    }

    @Test
    void helperInterceptionNeedsTheHelperParametersToo() {
        smartChatReady();
        helperReady();
        admin().delete("/api/v1/parameters/441").then().statusCode(204);
        set(450, "N", 200);
        try {
            viewer().get("/api/v1/parameters/readiness")
                    .then().body("helper.ready", equalTo(false))
                    .body("helper.missing", contains(441))
                    .body("helper.invalid.id", contains(450));
            admin().body(whatsappBody("Com Helper").replaceFirst("\\{", "{\"helperInterception\":true,"))
                    .post("/api/v1/interactions")
                    .then().statusCode(422).body("detail", containsString("441")).body("detail", containsString("450"));
        } finally {
            helperReady();
        }
        admin().body(whatsappBody("Com Helper").replaceFirst("\\{", "{\"helperInterception\":true,"))
                .post("/api/v1/interactions").then().statusCode(201);
    }
}
