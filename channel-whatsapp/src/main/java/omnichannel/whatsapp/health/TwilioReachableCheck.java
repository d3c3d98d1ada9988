package omnichannel.whatsapp.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.HealthGroup;
import io.smallrye.mutiny.Uni;

import omnichannel.platform.health.DependencyHealth;
import omnichannel.whatsapp.config.WhatsAppConfig;

/** Twilio's API answers over the network ({@code dependencies} group, never readiness: see {@link DependencyHealth}). */
@HealthGroup("dependencies")
@ApplicationScoped
public class TwilioReachableCheck implements AsyncHealthCheck {

    private final String url;

    public TwilioReachableCheck(WhatsAppConfig config) {
        this.url = config.twilioApiBaseUrl().replaceAll("/+$", "") + "/2010-04-01";
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return DependencyHealth.reachable("Twilio API", url);
    }
}
