package omnichannel.platform.x;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** X's official webhook signature fixtures (providers.md §5, consumer secret {@code test}). */
class XSignatureTest {

    @Test
    void signsTheFormFixture() {
        assertThat(XSignature.of("test", "test=1&other_test=2".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("sha256=25Cu3iwbbiqBTwQRzcKJZwisjf736V2Q8UaTlkfLSoc=");
    }

    @Test
    void signsTheJsonFixtureOverItsRawBytes() {
        byte[] body = "{\"test_number\":1,\"test_string\":\"two\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(XSignature.isValid("test", body, "sha256=YWHphPn/JFq43jkF0y4/w8R/SelmLjvpunhVFY8JhlI=")).isTrue();
        // the same JSON re-serialised with a space is other bytes: not valid
        byte[] reserialised = "{\"test_number\": 1,\"test_string\":\"two\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(XSignature.isValid("test", reserialised, "sha256=YWHphPn/JFq43jkF0y4/w8R/SelmLjvpunhVFY8JhlI="))
                .isFalse();
    }

    @Test
    void refusesAMissingHeaderOrAnotherSecret() {
        byte[] body = "test=1&other_test=2".getBytes(StandardCharsets.UTF_8);
        assertThat(XSignature.isValid("test", body, null)).isFalse();
        assertThat(XSignature.isValid("other", body, "sha256=25Cu3iwbbiqBTwQRzcKJZwisjf736V2Q8UaTlkfLSoc=")).isFalse();
    }

    @Test
    void answersTheOfficialCrcVector() {
        assertThat(XSignature.crc("z3ZX4v7mAAUGykl3EcmkqbartmuW8VFOOzCloLx9Q45P0hLrFu",
                "9b4507b3-9040-4669-9ca3-6b94edb50553"))
                .isEqualTo("sha256=Cytd4Sq+NvEcV3MMrXxWJGJx5A+y/lXzzU2Maartkx8=");
    }

    @Test
    void signsOnlyCrcTokensShapedLikeXsSoNoEventBodyCanBeSigned() {
        assertThat(XSignature.isCrcToken("9b4507b3-9040-4669-9ca3-6b94edb50553")).isTrue();
        assertThat(XSignature.isCrcToken("dGVzdA+/_==")).isTrue();
        for (String body : new String[]{"{\"for_user_id\":\"3001\"}", "[1]", "\"x\"", "test=1&other_test=2", "",
                "a b", "x".repeat(257)}) {
            assertThat(XSignature.isCrcToken(body)).as(body).isFalse();
            org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                    .isThrownBy(() -> XSignature.crc("secret", body));
        }
    }
}
