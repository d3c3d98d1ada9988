package omnichannel.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoggedKeysTest {

    @Test
    void thePersonOfAnOrderingKeyIsAKeyedHashTheSameForTheSamePerson() {
        String shown = LoggedKeys.shown("wa-1:+5511912345678");
        assertThat(shown).startsWith("wa-1:#").hasSize("wa-1:#".length() + 8).doesNotContain("5511912345678");
        assertThat(LoggedKeys.shown("wa-1:+5511912345678")).isEqualTo(shown);
        assertThat(LoggedKeys.shown("wa-1:+5511912345679")).isNotEqualTo(shown);
        assertThat(LoggedKeys.shown("x-1:1234567890123456789")).doesNotContain("1234567890123456789");
        // a key without a person (the outbound topics are keyed by sending account) is shown as it is
        assertThat(LoggedKeys.shown("wa-1")).isEqualTo("wa-1");
    }
}
