package omnichannel.gateway.twitter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Pinned to X's official CRC vector (providers.md §5). */
class CrcResponseTest {

    @Test
    void answersTheOfficialVector() {
        assertThat(CrcResponse.of("z3ZX4v7mAAUGykl3EcmkqbartmuW8VFOOzCloLx9Q45P0hLrFu",
                "9b4507b3-9040-4669-9ca3-6b94edb50553"))
                .isEqualTo("sha256=Cytd4Sq+NvEcV3MMrXxWJGJx5A+y/lXzzU2Maartkx8=");
    }
}
