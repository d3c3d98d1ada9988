package omnichannel.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import omnichannel.gateway.ConfigServiceStub;
import omnichannel.testing.KafkaTestResource;

/** The public side of attendants' file links: malformed and expired links stop here, the rest go to the bridge. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(ConfigServiceStub.class)
class MediaResourceTest {

    static final String SIGNATURE = "A".repeat(43);

    static String future() {
        return Long.toString(Instant.now().plusSeconds(600).getEpochSecond());
    }

    @Test
    void aWellFormedLinkIsRelayedToTheBridgeWithTheServiceTokenAndServedUncached() {
        String id = UUID.randomUUID().toString();
        byte[] pdf = "%PDF-1.4 manual da impressora".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        ConfigServiceStub.mediaLink(id, 200, "application/pdf", pdf);

        byte[] served = given().get("/media/" + id + "?e=" + future() + "&s=" + SIGNATURE).then().statusCode(200)
                .contentType("application/pdf").header("Cache-Control", "no-store")
                // a download that never runs as a page on the public origin
                .header("Content-Disposition", "attachment").header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", org.hamcrest.Matchers.startsWith("sandbox")).extract().asByteArray();

        assertThat(served).isEqualTo(pdf);
        assertThat(ConfigServiceStub.mediaLinkRequests()).anyMatch(url -> url.startsWith("/internal/v1/media/" + id)
                && url.contains("s=" + SIGNATURE));
    }

    @Test
    void theBridgesRefusalsArePassedOnAsProblemsAndItsFailuresAsRetryableUnavailability() {
        String used = UUID.randomUUID().toString();
        String forged = UUID.randomUUID().toString();
        String failing = UUID.randomUUID().toString();
        ConfigServiceStub.mediaLink(used, 410, "application/problem+json", "{}".getBytes());
        ConfigServiceStub.mediaLink(forged, 403, "application/problem+json", "{}".getBytes());
        ConfigServiceStub.mediaLink(failing, 500, "application/problem+json", "{}".getBytes());

        given().get("/media/" + used + "?e=" + future() + "&s=" + SIGNATURE).then().statusCode(410)
                .contentType("application/problem+json").body("detail", equalTo("the link expired or was used"));
        given().get("/media/" + forged + "?e=" + future() + "&s=" + SIGNATURE).then().statusCode(403)
                .contentType("application/problem+json");
        given().get("/media/" + failing + "?e=" + future() + "&s=" + SIGNATURE).then().statusCode(503)
                .header("Retry-After", "5");
    }

    @Test
    void malformedOrExpiredLinksAreRefusedWithoutAskingTheBridge() {
        String id = UUID.randomUUID().toString();
        long past = Instant.now().minusSeconds(1).getEpochSecond();

        given().get("/media/" + id + "?e=" + past + "&s=" + SIGNATURE).then().statusCode(410)
                .contentType("application/problem+json");
        given().get("/media/not-a-link?e=" + future() + "&s=" + SIGNATURE).then().statusCode(404)
                .contentType("application/problem+json");
        given().get("/media/" + id + "?e=" + future() + "&s=short").then().statusCode(404);
        given().get("/media/" + id + "?s=" + SIGNATURE).then().statusCode(404);
        given().get("/media/" + id.toUpperCase() + "?e=" + future() + "&s=" + SIGNATURE).then().statusCode(404);
        given().get("/media/").then().statusCode(404);

        assertThat(ConfigServiceStub.mediaLinkRequests()).noneMatch(url -> url.contains(id));
    }
}
