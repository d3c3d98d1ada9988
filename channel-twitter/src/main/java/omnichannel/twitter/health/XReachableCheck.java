package omnichannel.twitter.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.HealthGroup;
import io.smallrye.mutiny.Uni;

import omnichannel.platform.health.DependencyHealth;
import omnichannel.twitter.config.TwitterConfig;

/** X's API answers over the network ({@code dependencies} group, never readiness: see {@link DependencyHealth}). */
@HealthGroup("dependencies")
@ApplicationScoped
public class XReachableCheck implements AsyncHealthCheck {

    private final String url;

    public XReachableCheck(TwitterConfig config) {
        this.url = config.xApiBaseUrl().replaceAll("/+$", "") + "/2/openapi.json";
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return DependencyHealth.reachable("X API", url);
    }
}
