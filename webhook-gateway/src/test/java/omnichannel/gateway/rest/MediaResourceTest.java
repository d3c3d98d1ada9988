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
import omnichannel.platform.media.MediaLinkSignature;
import omnichannel.testing.KafkaTestResource;

/** The public side of attendants' file links: malformed and expired links stop here, the rest go to the bridge. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(ConfigServiceStub.class)
class MediaResourceTest {

    /** The links' key of the test profile (the bridge's, shared through MEDIA_LINK_KEY). */
    static final MediaLinkSignature KEY = new MediaLinkSignature("dev-and-test-only-media-link-key-0123456789");
    static final String FORGED = "A".repeat(43);
    static final long FUTURE = Instant.now().plusSeconds(3600).getEpochSecond();

    static String future() {
        return Long.toString(FUTURE);
    }

    /** A link's query as the bridge signs it. */
    static String signed(String id) {
        return "?e=" + FUTURE + "&s=" + KEY.sign(UUID.fromString(id), FUTURE);
    }

    @Test
    void aWellFormedLinkIsRelayedToTheBridgeWithTheServiceTokenAndServedUncached() {
        String id = UUID.randomUUID().toString();
        byte[] pdf = "%PDF-1.4 manual da impressora".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        ConfigServiceStub.mediaLink(id, 200, "application/pdf", pdf);

        byte[] served = given().get("/media/" + id + signed(id)).then().statusCode(200)
                .contentType("application/pdf").header("Cache-Control", "no-store")
                // a download that never runs as a page on the public origin
                .header("Content-Disposition", "attachment").header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", org.hamcrest.Matchers.startsWith("sandbox")).extract().asByteArray();

        assertThat(served).isEqualTo(pdf);
        assertThat(ConfigServiceStub.mediaLinkRequests()).anyMatch(url -> url.startsWith("/internal/v1/media/" + id)
                && url.contains("s=" + KEY.sign(UUID.fromString(id), FUTURE)));
    }

    @Test
    void theBridgesRefusalsArePassedOnAsProblemsAndItsFailuresAsRetryableUnavailability() {
        String used = UUID.randomUUID().toString();
        String forged = UUID.randomUUID().toString();
        String failing = UUID.randomUUID().toString();
        ConfigServiceStub.mediaLink(used, 410, "application/problem+json", "{}".getBytes());
        ConfigServiceStub.mediaLink(forged, 403, "application/problem+json", "{}".getBytes());
        ConfigServiceStub.mediaLink(failing, 500, "application/problem+json", "{}".getBytes());

        given().get("/media/" + used + signed(used)).then().statusCode(410)
                .contentType("application/problem+json").body("detail", equalTo("the link expired or was used"));
        // the bridge holds the key too: its 403 (a key rotated between the two) is passed on
        given().get("/media/" + forged + signed(forged)).then().statusCode(403)
                .contentType("application/problem+json");
        given().get("/media/" + failing + signed(failing)).then().statusCode(503)
                .header("Retry-After", "5");
    }

    @Test
    void aForgedSignatureIsRefusedHereWithoutASlotOrACallToTheBridge() {
        String id = UUID.randomUUID().toString();
        ConfigServiceStub.mediaLink(id, 200, "application/pdf", "%PDF".getBytes());
        for (int i = 0; i < 5; i++) {
            given().get("/media/" + id + "?e=" + future() + "&s=" + FORGED).then().statusCode(403)
                    .contentType("application/problem+json");
        }
        // another link's signature, or the right one with another expiry, is not this link's
        String other = UUID.randomUUID().toString();
        given().get("/media/" + id + "?e=" + future() + "&s=" + KEY.sign(UUID.fromString(other), FUTURE)).then()
                .statusCode(403);
        given().get("/media/" + id + "?e=" + (FUTURE + 1) + "&s=" + KEY.sign(UUID.fromString(id), FUTURE)).then()
                .statusCode(403);
        assertThat(ConfigServiceStub.mediaLinkRequests()).noneMatch(url -> url.contains(id));
    }

    @Test
    void malformedOrExpiredLinksAreRefusedWithoutAskingTheBridge() {
        String id = UUID.randomUUID().toString();
        long past = Instant.now().minusSeconds(1).getEpochSecond();

        given().get("/media/" + id + "?e=" + past + "&s=" + FORGED).then().statusCode(410)
                .contentType("application/problem+json");
        given().get("/media/not-a-link?e=" + future() + "&s=" + FORGED).then().statusCode(404)
                .contentType("application/problem+json");
        given().get("/media/" + id + "?e=" + future() + "&s=short").then().statusCode(404);
        given().get("/media/" + id + "?s=" + FORGED).then().statusCode(404);
        given().get("/media/" + id.toUpperCase() + "?e=" + future() + "&s=" + FORGED).then().statusCode(404);
        given().get("/media/").then().statusCode(404);

        assertThat(ConfigServiceStub.mediaLinkRequests()).noneMatch(url -> url.contains(id));
    }
}
