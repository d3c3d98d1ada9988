package omnichannel.config.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.sql.ResultSet;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import omnichannel.testing.PostgresTestResource;
import omnichannel.testing.SharedInfrastructure;

@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "config"))
class InteractionResourceTest {

    static final String AUTH_TOKEN = "tok3n-f00dfacecafebeef-s3cret";

    static String whatsappBody() {
        return """
                {"channel":"WHATSAPP_TWILIO","name":"Suporte WhatsApp","defaultUnitId":12,"defaultGroupId":3,
                 "defaultActivityId":170,"contactOriginId":7,
                 "whatsapp":{"number":"+5511999990000","accountSid":"AC0123456789abcdef0123456789abcdef",
                             "authToken":"%s"}}
                """.formatted(AUTH_TOKEN);
    }

    @Test
    void createsAWhatsAppInteractionWithGeneratedIdAndCallbackUrlAndNoSecret() {
        String location = given().contentType(ContentType.JSON).body(whatsappBody())
                .when().post("/api/v1/interactions")
                .then().statusCode(201)
                .body("id", matchesPattern("[A-Za-z0-9_-]{22}"))
                .body("callbackUrl", matchesPattern("https://omnichannel\\.example\\.com/webhooks/whatsapp/[A-Za-z0-9_-]{22}"))
                .body("whatsapp.authToken", equalTo("****cret"))
                .body("active", equalTo(true))
                .body(not(org.hamcrest.Matchers.containsString(AUTH_TOKEN)))
                .extract().header("Location");

        String id = location.substring(location.lastIndexOf('/') + 1);
        given().when().get("/api/v1/interactions/" + id)
                .then().statusCode(200)
                .body("id", equalTo(id))
                .body("name", equalTo("Suporte WhatsApp"))
                .body("defaultUnitId", equalTo(12))
                .body("callbackUrl", equalTo("https://omnichannel.example.com/webhooks/whatsapp/" + id))
                .body("whatsapp.authToken", equalTo("****cret"));
    }

    @Test
    void internalApiGivesTheCredentials() {
        String id = given().contentType(ContentType.JSON).body(whatsappBody())
                .when().post("/api/v1/interactions").then().statusCode(201).extract().path("id");

        given().when().get("/internal/v1/interactions/" + id)
                .then().statusCode(200)
                .body("twilioAuthToken", equalTo(AUTH_TOKEN))
                .body("twilioAccountSid", equalTo("AC0123456789abcdef0123456789abcdef"));
    }

    @Test
    void storesTheInteractionInPostgres() {
        String id = given().contentType(ContentType.JSON).body(whatsappBody())
                .when().post("/api/v1/interactions").then().statusCode(201).extract().path("id");

        Long unit = SharedInfrastructure.postgres().query("config", connection -> {
            try (ResultSet rs = connection.createStatement()
                    .executeQuery("select default_unit_id from interaction where id = '" + id + "'")) {
                return rs.next() ? rs.getLong(1) : null;
            }
        });
        assertThat(unit).isEqualTo(12L);
    }

    @Test
    void unknownInteractionIs404Problem() {
        given().when().get("/api/v1/interactions/nope")
                .then().statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
    }

    @Test
    void invalidFieldsAreNamed() {
        given().contentType(ContentType.JSON)
                .body(whatsappBody().replace("AC0123456789abcdef0123456789abcdef", "XX1").replace("+5511999990000", "11999"))
                .when().post("/api/v1/interactions")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("whatsapp.accountSid"))
                .body("errors.field", hasItem("whatsapp.number"))
                .body("detail", not(nullValue()));
    }

    @Test
    void unknownAndReadOnlyFieldsAreRejected() {
        given().contentType(ContentType.JSON).body(whatsappBody().replaceFirst("\\{", "{\"id\":\"mine\","))
                .when().post("/api/v1/interactions")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("id"));
    }

    @Test
    void malformedJsonIsAProblemNotA500() {
        given().contentType(ContentType.JSON).body("{\"channel\":")
                .when().post("/api/v1/interactions")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void bodiesOver64KibAreRejected() {
        String huge = whatsappBody().replace("Suporte WhatsApp", "x".repeat(70 * 1024));
        given().contentType(ContentType.JSON).body(huge)
                .when().post("/api/v1/interactions")
                .then().statusCode(413);
    }
}
