package omnichannel.platform.security;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.Config;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;

/**
 * A packaged service refuses to start, with a message naming each variable, when a setting it needs is missing or
 * malformed, instead of starting, reporting ready and failing every request later (a missing service token made the
 * gateway answer 503 to every webhook; an unset issuer meant "any issuer"). Checked only for what the service uses:
 * {@code OIDC_ISSUER} where bearer tokens are verified; {@code OIDC_TOKEN_URL}, {@code OIDC_CLIENT_ID} and
 * {@code OIDC_CLIENT_SECRET} where config-service's internal API is called; {@code OMNICHANNEL_PUBLIC_BASE_URL}
 * (absolute http(s), no query) where callback URLs are built or checked; the PostgreSQL URL and credentials where a
 * database is used; {@code KAFKA_BOOTSTRAP_SERVERS} where Kafka is. Dev and test modes set their own values.
 * config-service checks its keyset itself ({@code SecretBox}).
 */
@ApplicationScoped
public class RequiredSettings {

    // before the Kafka connectors and the schedulers start (they run in StartupEvent observers too)
    void check(
            @Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event,
            Config config) {
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            return;
        }
        List<String> problems = problems(config);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("cannot start: " + String.join("; ", problems));
        }
    }

    /** What is wrong with the settings this service uses; empty when nothing is. */
    public static List<String> problems(Config config) {
        List<String> problems = new ArrayList<>();
        if (config.getOptionalValue("quarkus.oidc.application-type", String.class).isPresent()) {
            String issuer = value(config, "quarkus.oidc.token.issuer");
            if (issuer.isBlank() || issuer.equals("any")) {
                problems.add("OIDC_ISSUER is not set (this service verifies bearer tokens and must know which "
                        + "issuer to accept)");
            }
        }
        if (config.getConfigValue("quarkus.rest-client.config-service.url").getRawValue() != null) {
            if (!isHttpUrl(value(config, "quarkus.oidc-client.token-path"))) {
                problems.add("OIDC_TOKEN_URL must be the identity provider's token endpoint, an absolute http(s) URL "
                        + "(this service gets its token for config-service's internal API there)");
            }
            if (value(config, "quarkus.oidc-client.client-id").isBlank()) {
                problems.add("OIDC_CLIENT_ID is not set (this service's OAuth2 client at the identity provider)");
            }
            if (value(config, "quarkus.oidc-client.credentials.secret").isBlank()) {
                problems.add("OIDC_CLIENT_SECRET is not set (this service's OAuth2 client secret)");
            }
        }
        if (config.getOptionalValue("quarkus.datasource.db-kind", String.class).isPresent()) {
            if (!value(config, "quarkus.datasource.reactive.url").matches("postgresql://[^/\\s]+/[^/?\\s]+(\\?\\S*)?")) {
                problems.add("QUARKUS_DATASOURCE_REACTIVE_URL must be postgresql://host:port/database");
            }
            if (value(config, "quarkus.datasource.username").isBlank()) {
                problems.add("QUARKUS_DATASOURCE_USERNAME is not set");
            }
            if (value(config, "quarkus.datasource.password").isBlank()) {
                problems.add("QUARKUS_DATASOURCE_PASSWORD is not set");
            }
        }
        if (usesKafka(config) && !value(config, "kafka.bootstrap.servers")
                .matches("[^,:\\s]+:\\d{1,5}(,[^,:\\s]+:\\d{1,5})*")) {
            problems.add("KAFKA_BOOTSTRAP_SERVERS must be host:port[,host:port...]");
        }
        if (config.getConfigValue("omnichannel.public-base-url").getRawValue() != null
                && !isBaseUrl(value(config, "omnichannel.public-base-url"))) {
            problems.add("OMNICHANNEL_PUBLIC_BASE_URL must be the gateway's absolute http(s) URL, such as "
                    + "https://omnichannel.example.com");
        }
        return problems;
    }

    /** The value, or "" when it is unset or refers to an unset variable ({@code ${CONFIG_SERVICE_TOKEN}}). */
    private static String value(Config config, String name) {
        try {
            return config.getOptionalValue(name, String.class).orElse("");
        } catch (NoSuchElementException | IllegalArgumentException unexpandable) {
            return "";
        }
    }

    private static boolean usesKafka(Config config) {
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("mp.messaging.") && name.endsWith(".connector")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isHttpUrl(String value) {
        try {
            URI uri = new URI(value);
            return uri.isAbsolute() && uri.getHost() != null
                    && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()));
        } catch (Exception e) {
            return false;
        }
    }

    /** An absolute http(s) URL without query or fragment, to which paths are appended. */
    private static boolean isBaseUrl(String value) {
        return isHttpUrl(value) && !value.contains("?") && !value.contains("#");
    }
}
