package omnichannel.config.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import omnichannel.config.ConfigServiceTest;
import omnichannel.testing.SharedInfrastructure;

/**
 * The privacy API's own rules: admins only, a person named well, and a service that cannot be reached (none is
 * configured in this test) makes the request PARTIAL, answered 503 to be repeated and recorded without the person.
 */
@QuarkusTest
class PrivacyResourceTest extends ConfigServiceTest {

    @Test
    void onlyAdminsAskForAWellNamedPersonAndAnUnreachableServiceIsAPartialRequestRecordedWithoutThePerson() {
        viewer().body("{\"phone\":\"+5511912347001\"}").post("/api/v1/privacy/erasure").then().statusCode(403);
        admin().body("{}").post("/api/v1/privacy/erasure").then().statusCode(400)
                .contentType("application/problem+json");
        admin().body("{\"xUserId\":\"joana\"}").post("/api/v1/privacy/export").then().statusCode(400);

        admin().body("{\"phone\":\"+5511912347001\"}").post("/api/v1/privacy/erasure").then().statusCode(503)
                .body("outcome", equalTo("PARTIAL"))
                .body("services.ticket-bridge.problem", equalTo("ticket-bridge's address is not configured "
                        + "(TICKET_BRIDGE_URL)"));

        admin().get("/api/v1/privacy/requests").then().statusCode(200).body("[0].action", equalTo("ERASURE"))
                .body("[0].outcome", equalTo("PARTIAL"));
        assertThat(SharedInfrastructure.postgres().dump("config")).contains("privacy_request: ")
                .doesNotContain("912347001");
    }
}
