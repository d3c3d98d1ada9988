package omnichannel.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** Each missing or malformed setting a service uses is named, with the variable an operator sets. */
class RequiredSettingsTest {

    private static Config config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder().addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(properties, "test", 500)).build();
    }

    private static Map<String, String> service() {
        Map<String, String> properties = new HashMap<>();
        properties.put("quarkus.oidc.application-type", "service");
        properties.put("quarkus.oidc.token.issuer", "https://idp.example.com/realms/omnichannel");
        properties.put("quarkus.rest-client.config-service.url", "http://config-service:8081");
        properties.put("config-service.token", "eyJ.token");
        properties.put("omnichannel.public-base-url", "https://omnichannel.example.com");
        return properties;
    }

    @Test
    void aCompleteConfigurationHasNoProblem() {
        assertThat(RequiredSettings.problems(config(service()))).isEmpty();
    }

    @Test
    void everyMissingOrMalformedSettingIsNamedByItsVariable() {
        Map<String, String> broken = service();
        broken.put("quarkus.oidc.token.issuer", "");
        broken.put("config-service.token", "${CONFIG_SERVICE_TOKEN}");
        broken.put("omnichannel.public-base-url", "omnichannel.example.com");

        assertThat(String.join("\n", RequiredSettings.problems(config(broken))))
                .contains("OIDC_ISSUER").contains("CONFIG_SERVICE_TOKEN").contains("OMNICHANNEL_PUBLIC_BASE_URL");
    }

    @Test
    void whatAServiceDoesNotUseIsNotRequired() {
        Map<String, String> gatewayLike = service();
        gatewayLike.remove("quarkus.oidc.application-type");
        gatewayLike.remove("quarkus.oidc.token.issuer");
        assertThat(RequiredSettings.problems(config(gatewayLike))).isEmpty();
    }
}
