package omnichannel.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import omnichannel.simulators.identity.Tokens;

/**
 * Makes a Quarkus test verify bearer tokens with {@link Tokens#shared()}'s public key; the audience stays the
 * service's own ({@code OIDC_AUDIENCE}'s default), which the tests' tokens are meant for.
 */
public class OidcTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.oidc.public-key", Tokens.shared().publicKey(),
                "quarkus.oidc.token.issuer", Tokens.ISSUER);
    }

    @Override
    public void stop() {
        // nothing to stop
    }
}
