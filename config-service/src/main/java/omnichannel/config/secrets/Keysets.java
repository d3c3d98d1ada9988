package omnichannel.config.secrets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;

/**
 * Makes and rotates the keyset {@link SecretBox} uses, so that nobody needs Google's {@code tinkey}: {@code generate}
 * prints a new AES-256-GCM keyset; {@code rotate <file>} prints the keyset of {@code file} with a new AES-256-GCM key
 * added as primary (the old keys stay, so every stored value still opens). The keyset goes to standard output only,
 * for a Kubernetes Secret; never to a log. Run by {@code ./keyset.sh}.
 */
public final class Keysets {

    private static final String TEMPLATE = "AES256_GCM";

    private Keysets() {
    }

    /** A new keyset with one AES-256-GCM key, as Tink's JSON. */
    public static String generate() throws GeneralSecurityException {
        AeadConfig.register();
        KeysetHandle handle = KeysetHandle.newBuilder()
                .addEntry(KeysetHandle.generateEntryFromParametersName(TEMPLATE).withRandomId().makePrimary())
                .build();
        return TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get());
    }

    /** The keyset with a new AES-256-GCM key as primary and every old key kept for decryption. */
    public static String rotate(String keyset) throws GeneralSecurityException {
        AeadConfig.register();
        KeysetHandle current = TinkJsonProtoKeysetFormat.parseKeyset(keyset, InsecureSecretKeyAccess.get());
        KeysetHandle rotated = KeysetHandle.newBuilder(current)
                .addEntry(KeysetHandle.generateEntryFromParametersName(TEMPLATE).withRandomId().makePrimary())
                .build();
        return TinkJsonProtoKeysetFormat.serializeKeyset(rotated, InsecureSecretKeyAccess.get());
    }

    public static void main(String[] args) throws GeneralSecurityException, IOException {
        if (args.length == 1 && args[0].equals("generate")) {
            System.out.println(generate());
        } else if (args.length == 2 && args[0].equals("rotate")) {
            System.out.println(rotate(Files.readString(Path.of(args[1]), StandardCharsets.UTF_8)));
        } else {
            System.err.println("usage: keyset.sh generate | keyset.sh rotate <keyset.json>");
            System.exit(2);
        }
    }
}
