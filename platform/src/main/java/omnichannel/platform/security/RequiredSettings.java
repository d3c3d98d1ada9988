package omnichannel.platform.security;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;

/**
 * A packaged service refuses to start, with a message naming each variable, when a setting it needs is missing or
 * malformed, instead of starting, reporting ready and failing every request later (a missing service token made the
 * gateway answer 503 to every webhook; an unset issuer meant "any issuer"). Checked only for what the service uses:
 * {@code OIDC_ISSUER} where bearer tokens are verified; {@code CONFIG_SERVICE_TOKEN} where config-service's internal
 * API is called; {@code OMNICHANNEL_PUBLIC_BASE_URL} (absolute http(s), no query) where callback URLs are built or
 * checked. Dev and test modes set their own values. config-service checks its keyset itself ({@code SecretBox}).
 */
@ApplicationScoped
public class RequiredSettings {

    void check(@Observes StartupEvent event, Config config) {
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
        if (config.getConfigValue("quarkus.rest-client.config-service.url").getRawValue() != null
                && value(config, "config-service.token").isBlank()) {
            problems.add("CONFIG_SERVICE_TOKEN is not set (the bearer token for config-service's internal API)");
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
        } catch (java.util.NoSuchElementException | IllegalArgumentException unexpandable) {
            return "";
        }
    }

    private static boolean isBaseUrl(String value) {
        try {
            URI uri = new URI(value);
            return uri.isAbsolute() && uri.getHost() != null && uri.getRawQuery() == null && uri.getRawFragment() == null
                    && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()));
        } catch (Exception e) {
            return false;
        }
    }
}
