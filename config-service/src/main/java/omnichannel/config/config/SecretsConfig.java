package omnichannel.config.config;

import io.smallrye.config.ConfigMapping;

@ConfigMapping(prefix = "omnichannel.secrets")
public interface SecretsConfig {

    /**
     * The Tink AEAD keyset (JSON, cleartext) that encrypts provider secrets ({@code OMNICHANNEL_SECRETS_KEYSET}; a
     * Kubernetes Secret in production). Rotate by adding a new primary key and keeping the old ones.
     */
    String keyset();
}
