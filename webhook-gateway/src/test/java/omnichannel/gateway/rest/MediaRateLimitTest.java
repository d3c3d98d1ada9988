package omnichannel.gateway.rest;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import omnichannel.gateway.ConfigServiceStub;
import omnichannel.testing.KafkaTestResource;

/** One client address asking for files over and over gets 429, signed links or not: Twilio and X fetch each once. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(ConfigServiceStub.class)
@TestProfile(MediaRateLimitTest.FewPerMinute.class)
class MediaRateLimitTest {

    public static class FewPerMinute implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("omnichannel.gateway.media.per-address-per-minute", "5");
        }
    }

    @Test
    void theSixthRequestOfAMinuteFromOneAddressIs429() {
        for (int i = 0; i < 5; i++) {
            String id = UUID.randomUUID().toString();
            ConfigServiceStub.mediaLink(id, 200, "image/png", new byte[]{1, 2, 3});
            given().get("/media/" + id + MediaResourceTest.signed(id)).then().statusCode(200);
        }
        String id = UUID.randomUUID().toString();
        ConfigServiceStub.mediaLink(id, 200, "image/png", new byte[]{1, 2, 3});
        given().get("/media/" + id + MediaResourceTest.signed(id)).then().statusCode(429)
                .contentType("application/problem+json");
        // forged ones count too: probing costs the prober its own budget
        given().get("/media/" + id + "?e=" + MediaResourceTest.future() + "&s=" + MediaResourceTest.FORGED).then()
                .statusCode(429);
    }
}
