package omnichannel.config;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import omnichannel.simulators.identity.IdentityProvider;

/** config-service's own client at the tests' identity provider (role omnichannel-privacy), as in production. */
public class ConfigServiceIdentity implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return IdentityProvider.shared().withClientProperties("config-service", Map.of());
    }

    @Override
    public void stop() {
        // the identity provider lives as long as the JVM
    }
}
