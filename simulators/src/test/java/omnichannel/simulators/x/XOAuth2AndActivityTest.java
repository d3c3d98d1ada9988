package omnichannel.simulators.x;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The simulated X holds to what X documents for OAuth 2.0 with PKCE (the verifier checked, codes used once, refresh
 * tokens rotated, revocation) and for the Activity API's subscriptions (private events only with the user's token).
 */
@QuarkusTest
class XOAuth2AndActivityTest {

    static final String CLIENT = "Basic " + Base64.getEncoder().encodeToString(
            "local-x-client-id:local-x-client-secret-not-a-secret".getBytes(StandardCharsets.UTF_8));
    static final String REDIRECT = "https://admin.example.com/console/x/landing";

    @BeforeEach
    void reset() {
        given().delete("/simulators/x").then().statusCode(204);
    }

    private static String challenge(String verifier) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    /** The person approves: the code X sends back to the redirect URI. */
    private static String code(String verifier) throws Exception {
        given().queryParam("response_type", "code").queryParam("client_id", "local-x-client-id")
                .queryParam("redirect_uri", REDIRECT).queryParam("scope", "dm.read dm.write users.read offline.access")
                .queryParam("state", "st4te").queryParam("code_challenge", challenge(verifier))
                .queryParam("code_challenge_method", "S256").get("/i/oauth2/authorize").then().statusCode(200)
                .body(containsString("authorize-app"));
        String location = given().redirects().follow(false).formParam("redirect_uri", REDIRECT)
                .formParam("scope", "dm.read dm.write users.read offline.access").formParam("state", "st4te")
                .formParam("code_challenge", challenge(verifier)).formParam("code_challenge_method", "S256")
                .post("/i/oauth2/authorize/approve").then().statusCode(302).extract().header("Location");
        assertThat(location).startsWith(REDIRECT + "?state=st4te&code=");
        return URI.create(location).getQuery().replaceAll(".*code=", "");
    }

    private static Response token(String... form) {
        var request = given().header("Authorization", CLIENT).contentType("application/x-www-form-urlencoded");
        for (int i = 0; i < form.length; i += 2) {
            request.formParam(form[i], form[i + 1]);
        }
        return request.post("/2/oauth2/token");
    }

    @Test
    void aCodeNeedsItsVerifierWorksOnceAndRefreshTokensRotate() throws Exception {
        String verifier = "v3rifier-with-enough-entropy-to-be-forty-three-chars";
        String code = code(verifier);
        token("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT, "code_verifier", "wrong")
                .then().statusCode(400).body("error", equalTo("invalid_grant"));
        // the wrong verifier spent the code, as a stolen code must not be tried twice
        token("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT, "code_verifier", verifier)
                .then().statusCode(400);

        Response tokens = token("grant_type", "authorization_code", "code", code(verifier), "redirect_uri", REDIRECT,
                "code_verifier", verifier);
        tokens.then().statusCode(200).body("token_type", equalTo("bearer")).body("expires_in", equalTo(7200));
        String access = tokens.jsonPath().getString("access_token");
        String refresh = tokens.jsonPath().getString("refresh_token");
        given().header("Authorization", "Bearer " + access).get("/2/users/me").then().statusCode(200)
                .body("data.id", equalTo("3001"));

        String rotated = token("grant_type", "refresh_token", "refresh_token", refresh).then().statusCode(200)
                .extract().path("refresh_token");
        assertThat(rotated).isNotEqualTo(refresh);
        token("grant_type", "refresh_token", "refresh_token", refresh).then().statusCode(400)
                .body("error", equalTo("invalid_grant"));
        token("grant_type", "refresh_token", "refresh_token", rotated).then().statusCode(200);

        given().header("Authorization", "Basic bm90OnRoaXM=").contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "refresh_token").formParam("refresh_token", rotated).post("/2/oauth2/token")
                .then().statusCode(401);
    }

    @Test
    void privateEventsNeedTheUsersTokenAndSubscriptionsAreListedAndDeletedWithTheAppsToken() throws Exception {
        String verifier = "another-v3rifier-with-enough-entropy-for-pkce-s256";
        String access = token("grant_type", "authorization_code", "code", code(verifier), "redirect_uri", REDIRECT,
                "code_verifier", verifier).jsonPath().getString("access_token");
        String body = """
                {"event_type":"dm.received","filter":{"user_id":"3001"},"tag":"omnichannel:abc"}""";
        given().header("Authorization", "Bearer " + XApiResource.BEARER).contentType("application/json").body(body)
                .post("/2/activity/subscriptions").then().statusCode(403)
                .body("type", equalTo("https://api.x.com/2/problems/not-authorized-for-resource"));
        given().header("Authorization", "Bearer " + access).contentType("application/json")
                .body(body.replace("dm.received", "dm.nonsense")).post("/2/activity/subscriptions").then()
                .statusCode(400);
        String id = given().header("Authorization", "Bearer " + access).contentType("application/json").body(body)
                .post("/2/activity/subscriptions").then().statusCode(200)
                .body("data.subscription.event_type", equalTo("dm.received")).extract()
                .path("data.subscription.subscription_id");

        given().header("Authorization", "Bearer " + access).get("/2/activity/subscriptions").then().statusCode(401);
        given().header("Authorization", "Bearer " + XApiResource.BEARER).get("/2/activity/subscriptions").then()
                .statusCode(200).body("data[0].subscription_id", equalTo(id)).body("data[0].tag",
                        equalTo("omnichannel:abc"))
                .body("meta.total_subscriptions", equalTo(1));
        given().header("Authorization", "Bearer " + XApiResource.BEARER).delete("/2/activity/subscriptions/" + id)
                .then().statusCode(200).body("data.deleted", equalTo(true));
        given().header("Authorization", "Bearer " + XApiResource.BEARER).delete("/2/activity/subscriptions/" + id)
                .then().statusCode(404);

        // the person revokes the app: the token stops working
        given().post("/simulators/x/revoke-grant").then().statusCode(200);
        given().header("Authorization", "Bearer " + access).get("/2/users/me").then().statusCode(401);
    }
}
