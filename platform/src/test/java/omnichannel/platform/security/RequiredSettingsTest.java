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
        properties.put("quarkus.oidc-client.token-path", "https://idp.example.com/realms/omnichannel/token");
        properties.put("quarkus.oidc-client.client-id", "webhook-gateway");
        properties.put("quarkus.oidc-client.credentials.secret", "a-client-secret");
        properties.put("quarkus.datasource.db-kind", "postgresql");
        properties.put("quarkus.datasource.reactive.url", "postgresql://omnichannel-db-rw:5432/bridge");
        properties.put("quarkus.datasource.username", "bridge");
        properties.put("quarkus.datasource.password", "a-db-password");
        properties.put("mp.messaging.incoming.inbound.connector", "smallrye-kafka");
        properties.put("kafka.bootstrap.servers", "kafka-0:9092,kafka-1:9092");
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
        broken.put("quarkus.oidc-client.token-path", "${OIDC_TOKEN_URL}");
        broken.put("quarkus.oidc-client.client-id", "");
        broken.put("quarkus.oidc-client.credentials.secret", "${OIDC_CLIENT_SECRET:}");
        broken.put("omnichannel.public-base-url", "omnichannel.example.com");
        broken.put("quarkus.datasource.reactive.url", "jdbc:postgresql://db:5432/bridge");
        broken.put("quarkus.datasource.username", "");
        broken.put("quarkus.datasource.password", "${QUARKUS_DATASOURCE_PASSWORD}");
        broken.put("kafka.bootstrap.servers", "kafka-0");

        assertThat(RequiredSettings.problems(config(broken))).hasSize(9).anySatisfy(p -> assertThat(p).contains("OIDC_ISSUER"))
                .anySatisfy(p -> assertThat(p).contains("OIDC_TOKEN_URL"))
                .anySatisfy(p -> assertThat(p).contains("OIDC_CLIENT_ID"))
                .anySatisfy(p -> assertThat(p).contains("OIDC_CLIENT_SECRET"))
                .anySatisfy(p -> assertThat(p).contains("OMNICHANNEL_PUBLIC_BASE_URL"))
                .anySatisfy(p -> assertThat(p).contains("QUARKUS_DATASOURCE_REACTIVE_URL"))
                .anySatisfy(p -> assertThat(p).contains("QUARKUS_DATASOURCE_USERNAME"))
                .anySatisfy(p -> assertThat(p).contains("QUARKUS_DATASOURCE_PASSWORD"))
                .anySatisfy(p -> assertThat(p).contains("KAFKA_BOOTSTRAP_SERVERS"));
    }

    @Test
    void whatAServiceDoesNotUseIsNotRequired() {
        Map<String, String> gatewayLike = service();
        gatewayLike.remove("quarkus.oidc.application-type");
        gatewayLike.remove("quarkus.oidc.token.issuer");
        gatewayLike.remove("quarkus.datasource.db-kind");
        gatewayLike.remove("quarkus.datasource.reactive.url");
        assertThat(RequiredSettings.problems(config(gatewayLike))).isEmpty();
    }
}
