package omnichannel.config.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The keyset command: a generated keyset seals and opens; after a rotation old values still open with the new one. */
class KeysetsTest {

    @Test
    void aRotatedKeysetOpensWhatTheOldOneSealedAndSealsWithItsNewKey() throws Exception {
        String original = Keysets.generate();
        SecretBox before = new SecretBox(() -> original);
        String sealedBefore = before.seal("twilio-auth-token", "i-1", "whatsapp.authToken");

        String rotated = Keysets.rotate(original);
        SecretBox after = new SecretBox(() -> rotated);

        assertThat(after.open(sealedBefore, "i-1", "whatsapp.authToken")).isEqualTo("twilio-auth-token");
        String sealedAfter = after.seal("new-token", "i-1", "whatsapp.authToken");
        assertThat(after.open(sealedAfter, "i-1", "whatsapp.authToken")).isEqualTo("new-token");
        // the new primary key is one the old keyset does not have
        assertThatThrownBy(() -> before.open(sealedAfter, "i-1", "whatsapp.authToken"))
                .isInstanceOf(IllegalStateException.class);
        assertThat(rotated).doesNotContain("twilio-auth-token");
    }

    @Test
    void aKeysetThatDoesNotWorkIsRefusedNamingItsVariable() {
        for (String broken : new String[]{"", "{}", "not json", "{\"primaryKeyId\":1,\"key\":[]}"}) {
            assertThatThrownBy(() -> new SecretBox(() -> broken)).as(broken)
                    .hasMessageContaining("OMNICHANNEL_SECRETS_KEYSET");
        }
    }
}
