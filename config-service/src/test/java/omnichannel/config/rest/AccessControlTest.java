package omnichannel.config.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.oneOf;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import omnichannel.config.ConfigServiceTest;
import omnichannel.simulators.identity.Tokens;

/** Every endpoint against no token (401), the wrong role (403) and the right one (neither). */
@QuarkusTest
class AccessControlTest extends ConfigServiceTest {

    record Call(String method, String path, String body, List<String> allowed) {
    }

    private String id;

    private List<Call> calls() {
        if (id == null) {
            id = create(whatsappBody("Acesso"));
        }
        List<String> admin = List.of(Tokens.ADMIN);
        List<String> readers = List.of(Tokens.ADMIN, Tokens.VIEWER);
        List<String> services = List.of(Tokens.GATEWAY, Tokens.BRIDGE, Tokens.WHATSAPP, Tokens.TWITTER);
        return List.of(
                new Call("POST", "/api/v1/interactions", whatsappBody("Acesso 2"), admin),
                new Call("GET", "/api/v1/interactions", null, readers),
                new Call("GET", "/api/v1/interactions/" + id, null, readers),
                new Call("PUT", "/api/v1/interactions/" + id, whatsappBody("Acesso 3").replaceFirst("\\{", "{\"version\":999,"),
                        admin),
                new Call("DELETE", "/api/v1/interactions/unknown-id", null, admin),
                new Call("POST", "/api/v1/interactions/unknown-id/restore", null, admin),
                new Call("GET", "/api/v1/interactions/" + id + "/audit", null, readers),
                new Call("POST", "/api/v1/interactions/unknown-id/verification", null, admin),
                new Call("GET", "/api/v1/interactions/unknown-id/whatsapp/templates", null, readers),
                new Call("GET", "/api/v1/parameters", null, readers),
                new Call("PUT", "/api/v1/parameters/118", "{\"value\":\"1\"}", admin),
                new Call("DELETE", "/api/v1/parameters/9999", null, admin),
                new Call("GET", "/api/v1/parameters/readiness", null, readers),
                new Call("GET", "/internal/v1/interactions/" + id, null, services),
                new Call("GET", "/internal/v1/interactions/" + id + "/retired", null, List.of(Tokens.TWITTER)),
                new Call("POST", "/internal/v1/interactions/" + id + "/x-access-token", null, List.of(Tokens.TWITTER)),
                new Call("POST", "/internal/v1/interactions/unknown-id/x-connection/revoked", null,
                        List.of(Tokens.GATEWAY)),
                new Call("GET", "/internal/v1/parameters", null, List.of(Tokens.BRIDGE)),
                new Call("POST", "/internal/v1/signature-failures",
                        "{\"counts\":[{\"interactionId\":\"" + id + "\",\"failures\":1,\"lastAt\":\""
                                + java.time.Instant.now() + "\"}]}",
                        List.of(Tokens.GATEWAY)));
    }

    @Test
    void everyEndpointRefusesAMissingOrForgedToken() {
        for (Call call : calls()) {
            request(null, call).then().statusCode(401);
            given().auth().oauth2(new Tokens().admin()).contentType(ContentType.JSON)
                    .body(call.body() == null ? "" : call.body())
                    .request(call.method(), call.path()).then().statusCode(401);
        }
    }

    /** A token our IdP issued for another application (another audience) opens nothing here. */
    @Test
    void everyEndpointRefusesATokenForAnotherAudience() {
        for (Call call : calls()) {
            for (String role : call.allowed()) {
                given().auth().oauth2(Tokens.shared().issueFor("another-application", "someone@omnichannel.local",
                        java.time.Duration.ofMinutes(5), role)).contentType(ContentType.JSON)
                        .body(call.body() == null ? "" : call.body())
                        .request(call.method(), call.path()).then().statusCode(401);
            }
        }
    }

    /** Each service has its own audience: a token meant for the bridge (the gateway's, say) opens nothing here. */
    @Test
    void everyEndpointRefusesATokenMeantForAnotherOfOurServices() {
        for (Call call : calls()) {
            for (String role : call.allowed()) {
                given().auth().oauth2(Tokens.shared().issueFor(Tokens.audienceOf("ticket-bridge"),
                        "someone@omnichannel.local", java.time.Duration.ofMinutes(5), role)).contentType(ContentType.JSON)
                        .body(call.body() == null ? "" : call.body())
                        .request(call.method(), call.path()).then().statusCode(401);
            }
        }
    }

    @Test
    void everyEndpointRefusesTheWrongRole() {
        for (Call call : calls()) {
            // the 4biz integration's role opens nothing here: above all not the internal API's secrets
            for (String role : List.of(Tokens.ADMIN, Tokens.VIEWER, Tokens.GATEWAY, Tokens.BRIDGE, Tokens.WHATSAPP,
                    Tokens.TWITTER, Tokens.PRIVACY, Tokens.FOURBIZ)) {
                if (!call.allowed().contains(role)) {
                    request(role, call).then().statusCode(403);
                }
            }
        }
    }

    @Test
    void everyEndpointServesTheRightRole() {
        for (Call call : calls()) {
            for (String role : call.allowed()) {
                request(role, call).then().statusCode(not(oneOf(401, 403)));
            }
        }
    }

    @Test
    void healthMetricsAndOpenApiAreOpen() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
    }

    private static io.restassured.response.Response request(String role, Call call) {
        var spec = given().contentType(ContentType.JSON);
        if (role != null) {
            spec = spec.auth().oauth2(Tokens.shared().issue(role + "@test", java.time.Duration.ofMinutes(5), role));
        }
        if (call.body() != null) {
            spec = spec.body(call.body());
        }
        return spec.request(call.method(), call.path());
    }
}
