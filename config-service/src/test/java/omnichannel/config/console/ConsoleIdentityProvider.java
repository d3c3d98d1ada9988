package omnichannel.config.console;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import omnichannel.simulators.identity.IdentityProvider;

/** Points the console's OIDC tenant at the tests' identity provider (authorization code flow, local users). */
public class ConsoleIdentityProvider implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        IdentityProvider idp = IdentityProvider.shared();
        return Map.of("quarkus.oidc.console.tenant-enabled", "true",
                "quarkus.oidc.console.auth-server-url", idp.baseUrl(),
                "quarkus.oidc.console.client-id", IdentityProvider.CONSOLE_CLIENT,
                "quarkus.oidc.console.credentials.secret", idp.secret(IdentityProvider.CONSOLE_CLIENT));
    }

    @Override
    public void stop() {
        // the shared provider lives as long as the test JVM
    }
}
