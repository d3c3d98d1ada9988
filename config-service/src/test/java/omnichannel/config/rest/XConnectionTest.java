package omnichannel.config.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import omnichannel.config.ConfigServiceTest;
import omnichannel.simulators.identity.Tokens;
import omnichannel.testing.SharedInfrastructure;

/**
 * Connecting an X account with OAuth 2.0 (Authorization Code with PKCE) against X's token endpoint played by WireMock
 * over HTTP: the S256 challenge matches the verifier sent at the exchange, the state is bound to the admin who started
 * it and works once, the tokens are sealed at rest and never shown, a refresh racing on two callers spends the rotating
 * refresh token once, and a refused refresh marks the interaction as needing a new connection without retrying.
 */
@QuarkusTest
@QuarkusTestResource(value = XConnectionTest.X.class, restrictToAnnotatedClass = true)
class XConnectionTest extends ConfigServiceTest {

    static WireMockServer x;

    /** X's token endpoint and {@code /2/users/me}. */
    public static class X implements QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            x = new WireMockServer(wireMockConfig().dynamicPort());
            x.start();
            return Map.of("omnichannel.x-api-base-url", x.baseUrl(), "omnichannel.x-oauth2.authorize-url",
                    "https://x.example.com/i/oauth2/authorize", "omnichannel.x-oauth2.redirect-uri",
                    "https://admin.example.com/console/x/landing");
        }

        @Override
        public void stop() {
            x.stop();
        }
    }

    private static String activityApiBody(String name) {
        return twitterBody(name).replace("\"deliveryMode\":\"WEBHOOK\"",
                "\"deliveryMode\":\"ACTIVITY_API\",\"clientId\":\"client-123\",\"clientSecret\":\"client-secret-xyz\"");
    }

    private static Map<String, String> query(String url) {
        Map<String, String> values = new HashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            values.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static String start(String id) {
        return admin().post("/api/v1/interactions/" + id + "/x-connection").then().statusCode(200).extract()
                .path("authorizationUrl");
    }

    private static Response complete(String id, String token, String state, String code) {
        return given().auth().oauth2(token).contentType("application/json")
                .body("{\"state\":\"%s\",\"code\":\"%s\"}".formatted(state, code))
                .post("/api/v1/interactions/" + id + "/x-connection/completion");
    }

    private static Response accessToken(String id) {
        return service().post("/internal/v1/interactions/" + id + "/x-access-token");
    }

    private static void expire(String id) {
        SharedInfrastructure.postgres().query("config", connection -> connection.createStatement()
                .executeUpdate("update x_grant set expires_at = now() - interval '1 minute' where interaction_id = '"
                        + id + "'"));
    }

    private static String connect(String id, String access, String refresh) {
        x.stubFor(post(urlPathEqualTo("/2/oauth2/token")).withRequestBody(containing("code=code-" + id))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
                        {"token_type":"bearer","expires_in":7200,"access_token":"%s","refresh_token":"%s",
                         "scope":"dm.read dm.write tweet.read users.read offline.access"}""".formatted(access, refresh))));
        x.stubFor(get(urlPathEqualTo("/2/users/me")).willReturn(aResponse().withHeader("Content-Type",
                "application/json").withBody("{\"data\":{\"id\":\"1234567890\",\"username\":\"suporte\"}}")));
        String url = start(id);
        complete(id, Tokens.shared().admin(), query(url).get("state"), "code-" + id).then().statusCode(204);
        return url;
    }

    @Test
    void theAuthorizationIsPkceBoundToItsAdminUsedOnceAndItsTokensAreSealed() throws Exception {
        String id = create(activityApiBody("X OAuth 2.0"));
        given().auth().oauth2(Tokens.shared().viewer()).get("/api/v1/interactions/" + id + "/x-connection").then()
                .statusCode(200).body("status", equalTo("NOT_CONNECTED"));
        accessToken(id).then().statusCode(409);

        String url = start(id);
        Map<String, String> params = query(url);
        assertThat(url).startsWith("https://x.example.com/i/oauth2/authorize?");
        assertThat(params).containsEntry("response_type", "code").containsEntry("client_id", "client-123")
                .containsEntry("redirect_uri", "https://admin.example.com/console/x/landing")
                .containsEntry("code_challenge_method", "S256");
        assertThat(params.get("scope").split(" ")).contains("dm.read", "dm.write", "users.read", "offline.access");
        assertThat(params.get("state")).hasSizeGreaterThanOrEqualTo(43);

        // another admin cannot complete it; the state is spent all the same (a stolen callback URL is worth nothing)
        String other = Tokens.shared().issue("other-admin@omnichannel.local", Duration.ofHours(1), Tokens.ADMIN);
        complete(id, other, params.get("state"), "code-" + id).then().statusCode(403);
        complete(id, Tokens.shared().admin(), params.get("state"), "code-" + id).then().statusCode(400);

        connect(id, "at-first-0123456789", "rt-first-0123456789");
        var exchange = x.findAll(postRequestedFor(urlPathEqualTo("/2/oauth2/token"))
                .withRequestBody(containing("code=code-" + id))).get(0);
        assertThat(exchange.getHeader("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
                .encodeToString("client-123:client-secret-xyz".getBytes(StandardCharsets.UTF_8)));
        Map<String, String> form = query("http://x/?" + exchange.getBodyAsString());
        assertThat(form).containsEntry("redirect_uri", "https://admin.example.com/console/x/landing");
        String verifier = form.get("code_verifier");
        // RFC 7636: 43 to 128 unreserved characters (the S256 check is the next test)
        assertThat(verifier).matches("[A-Za-z0-9_-]{43,128}");

        admin().get("/api/v1/interactions/" + id + "/x-connection").then().statusCode(200)
                .body("status", equalTo("CONNECTED")).body("xUserId", equalTo("1234567890"));
        assertThat(admin().get("/api/v1/interactions/" + id + "/x-connection").asString())
                .doesNotContain("at-first").doesNotContain("rt-first");
        accessToken(id).then().statusCode(200).body("accessToken", equalTo("at-first-0123456789"));
        String rows = SharedInfrastructure.postgres().query("config", connection -> {
            StringBuilder all = new StringBuilder();
            for (String table : List.of("x_grant", "x_authorization", "interaction", "outbox", "interaction_audit")) {
                try (ResultSet rs = connection.createStatement().executeQuery("select t::text from " + table + " t")) {
                    while (rs.next()) {
                        all.append(rs.getString(1)).append('\n');
                    }
                }
            }
            return all.toString();
        });
        assertThat(rows).doesNotContain("at-first-0123456789").doesNotContain("rt-first-0123456789")
                .doesNotContain("client-secret-xyz").doesNotContain(verifier).contains("CONNECTED");
    }

    @Test
    void theChallengeIsS256OfTheVerifier() throws Exception {
        String id = create(activityApiBody("X PKCE"));
        String url = connect(id, "at-pkce-0123456789", "rt-pkce-0123456789");
        String verifier = query("http://x/?" + x.findAll(postRequestedFor(urlPathEqualTo("/2/oauth2/token"))
                .withRequestBody(containing("code=code-" + id))).get(0).getBodyAsString()).get("code_verifier");
        String expected = Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        assertThat(query(url).get("code_challenge")).isEqualTo(expected);
    }

    @Test
    void aRefreshRacingOnTwoCallersSpendsTheRotatingRefreshTokenOnce() {
        String id = create(activityApiBody("X refresh race"));
        connect(id, "at-race-1-0123456789", "rt-race-1-0123456789");
        // X rotates: rt-race-1 works once (slowly, so the callers overlap), then it is spent
        x.stubFor(post(urlPathEqualTo("/2/oauth2/token")).inScenario("race").whenScenarioStateIs(Scenario.STARTED)
                .withRequestBody(containing("refresh_token=rt-race-1")).willSetStateTo("spent")
                .willReturn(aResponse().withFixedDelay(700).withHeader("Content-Type", "application/json").withBody("""
                        {"token_type":"bearer","expires_in":7200,"access_token":"at-race-2-0123456789",
                         "refresh_token":"rt-race-2-0123456789","scope":"dm.read dm.write"}""")));
        x.stubFor(post(urlPathEqualTo("/2/oauth2/token")).inScenario("race").whenScenarioStateIs("spent")
                .withRequestBody(containing("refresh_token=rt-race-1")).willReturn(aResponse().withStatus(400)
                        .withHeader("Content-Type", "application/json").withBody("{\"error\":\"invalid_grant\"}")));
        expire(id);

        List<CompletableFuture<Response>> callers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            callers.add(CompletableFuture.supplyAsync(() -> accessToken(id)));
        }
        for (CompletableFuture<Response> caller : callers) {
            Response answer = caller.join();
            assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(200);
            assertThat(answer.jsonPath().getString("accessToken")).isEqualTo("at-race-2-0123456789");
        }
        assertThat(x.findAll(postRequestedFor(urlPathEqualTo("/2/oauth2/token"))
                .withRequestBody(containing("refresh_token=rt-race-1")))).hasSize(1);
        admin().get("/api/v1/interactions/" + id + "/x-connection").then().body("status", equalTo("CONNECTED"));
    }

    @Test
    void aRefusedRefreshAsksForANewConnectionAndIsNotRetried() {
        String id = create(activityApiBody("X refused"));
        connect(id, "at-refused-0123456789", "rt-refused-0123456789");
        x.stubFor(post(urlPathEqualTo("/2/oauth2/token")).withRequestBody(containing("refresh_token=rt-refused"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"invalid_request\",\"error_description\":\"Value passed for the "
                                + "token was invalid.\"}")));
        expire(id);

        accessToken(id).then().statusCode(409);
        admin().get("/api/v1/interactions/" + id + "/x-connection").then().body("status", equalTo("NEEDS_RECONNECT"));
        accessToken(id).then().statusCode(409);
        accessToken(id).then().statusCode(409);
        assertThat(x.findAll(postRequestedFor(urlPathEqualTo("/2/oauth2/token"))
                .withRequestBody(containing("refresh_token=rt-refused")))).hasSize(1);
        assertThat(given().get("/q/metrics").asString()).contains("omnichannel_x_connections_needing_reconnect");

        // connected again: tokens flow again
        connect(id, "at-again-0123456789", "rt-again-0123456789");
        accessToken(id).then().statusCode(200).body("accessToken", equalTo("at-again-0123456789"));
    }

    @Test
    void anOauthRevokeMarksTheConnectionAndOnlyTheServiceRoleMayReportIt() {
        String id = create(activityApiBody("X revoked"));
        connect(id, "at-revoked-0123456789", "rt-revoked-0123456789");
        admin().post("/internal/v1/interactions/" + id + "/x-connection/revoked").then().statusCode(403);
        service().post("/internal/v1/interactions/" + id + "/x-connection/revoked").then().statusCode(204);
        accessToken(id).then().statusCode(409);
        admin().get("/api/v1/interactions/" + id + "/x-connection").then().body("status", equalTo("NEEDS_RECONNECT"))
                .body("reason", org.hamcrest.Matchers.containsString("revoked"));
        // an Account Activity interaction without the app's OAuth 2.0 Client ID has nothing to connect with
        String legacy = create(twitterBody("X legacy"));
        admin().post("/api/v1/interactions/" + legacy + "/x-connection").then().statusCode(409);
    }

    @Test
    void connectingAnAccountActivityInteractionMovesItToTheActivityApiInOneAction() {
        String id = create(twitterBody("X moving").replace("\"deliveryMode\":\"WEBHOOK\"",
                "\"deliveryMode\":\"ACCOUNT_ACTIVITY\",\"clientId\":\"client-123\""));
        viewer().get("/api/v1/interactions/" + id).then().body("twitter.deliveryMode", equalTo("ACCOUNT_ACTIVITY"));
        connect(id, "at-moving-0123456789", "rt-moving-0123456789");
        viewer().get("/api/v1/interactions/" + id).then().body("twitter.deliveryMode", equalTo("ACTIVITY_API"));
        admin().get("/api/v1/interactions/" + id + "/audit").then().body(org.hamcrest.Matchers.containsString(
                "twitter.deliveryMode"));
        // a public client (no secret): client_id in the body instead of Basic
        var exchange = x.findAll(postRequestedFor(urlPathEqualTo("/2/oauth2/token"))
                .withRequestBody(containing("code=code-" + id))).get(0);
        assertThat(exchange.getHeader("Authorization")).isNull();
        assertThat(exchange.getBodyAsString()).contains("client_id=client-123");
    }
}
