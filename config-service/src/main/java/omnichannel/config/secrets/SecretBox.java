package omnichannel.config.secrets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;

import io.quarkus.runtime.Startup;

import omnichannel.config.config.SecretsConfig;

/**
 * Encrypts provider secrets at rest with Google Tink's AEAD (AES-256-GCM). Each ciphertext carries the id of the key
 * that made it, so keys rotate without downtime: add a new primary key to the keyset, keep the old ones for
 * decryption, and every new write uses the new key. The associated data binds a ciphertext to its interaction and
 * field, so a ciphertext copied to another row or column does not decrypt.
 */
@ApplicationScoped
// made at start: a keyset that does not parse or does not work stops config-service from starting, instead of the
// first create answering 500
@Startup
public class SecretBox {

    private static final String FORMAT = "v1:";

    private final Aead aead;

    public SecretBox(SecretsConfig config) {
        try {
            AeadConfig.register();
            KeysetHandle keyset = TinkJsonProtoKeysetFormat.parseKeyset(config.keyset(), InsecureSecretKeyAccess.get());
            this.aead = keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
            // tried, not only parsed: it must open what it seals
            byte[] probe = "probe".getBytes(StandardCharsets.UTF_8);
            aead.decrypt(aead.encrypt(probe, probe), probe);
        } catch (GeneralSecurityException | RuntimeException e) {
            // the message never contains key material
            throw new IllegalStateException("OMNICHANNEL_SECRETS_KEYSET is not a working Tink AEAD keyset (make one with "
                    + "./keyset.sh generate)", e);
        }
    }

    /** The ciphertext of {@code secret} for this interaction's field; null stays null. */
    public String seal(String secret, String interactionId, String field) {
        if (secret == null) {
            return null;
        }
        try {
            byte[] ciphertext = aead.encrypt(secret.getBytes(StandardCharsets.UTF_8), context(interactionId, field));
            return FORMAT + Base64.getEncoder().encodeToString(ciphertext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt " + field, e);
        }
    }

    /** The secret behind a ciphertext this box (or an older key of its keyset) made; null stays null. */
    public String open(String sealed, String interactionId, String field) {
        if (sealed == null) {
            return null;
        }
        if (!sealed.startsWith(FORMAT)) {
            throw new IllegalStateException(field + " of interaction " + interactionId + " is not encrypted");
        }
        try {
            byte[] plaintext = aead.decrypt(Base64.getDecoder().decode(sealed.substring(FORMAT.length())),
                    context(interactionId, field));
            return new String(plaintext, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt " + field + " of interaction " + interactionId
                    + ": the keyset lacks its key or the value was moved", e);
        }
    }

    private static byte[] context(String interactionId, String field) {
        return ("interaction:" + interactionId + ":" + field).getBytes(StandardCharsets.UTF_8);
    }
}
