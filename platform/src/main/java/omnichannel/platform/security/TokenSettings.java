package omnichannel.platform.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;

/**
 * A service that verifies bearer tokens refuses to start without the issuer to check them against: an unset
 * {@code OIDC_ISSUER} used to mean "any issuer", so a token from any IdP trusted by the same key was accepted.
 * Services without OIDC (the gateway, channel-whatsapp) are not concerned; dev and test modes set their own issuer.
 */
@ApplicationScoped
public class TokenSettings {

    void check(@Observes StartupEvent event, Config config) {
        if (LaunchMode.current() != LaunchMode.NORMAL
                || config.getOptionalValue("quarkus.oidc.application-type", String.class).isEmpty()) {
            return;
        }
        String issuer = config.getOptionalValue("quarkus.oidc.token.issuer", String.class).orElse("");
        if (issuer.isBlank() || issuer.equals("any")) {
            throw new IllegalStateException("OIDC_ISSUER is not set: this service verifies bearer tokens and must "
                    + "know which issuer to accept (the IdP's issuer URL)");
        }
    }
}
