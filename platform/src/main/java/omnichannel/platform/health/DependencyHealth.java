package omnichannel.platform.health;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;

import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.HealthGroup;
import io.smallrye.mutiny.Uni;

import omnichannel.platform.interactions.InteractionDirectory;

/**
 * The {@code dependencies} health group ({@code /q/health/group/dependencies}): whether each outside dependency of a
 * service answers, for monitoring and for checking a cluster's egress. Never part of readiness: the services ride out
 * a dependency's outage (each conversation or message waiting on its own back-off), and a dependency down must not
 * take every pod out of its Service.
 */
public final class DependencyHealth {

    /** How long a dependency may take to answer a check. */
    public static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private DependencyHealth() {
    }

    /**
     * A provider's API is reachable: any HTTP answer within {@link #TIMEOUT} (a 401 too: credentials are per
     * interaction, checked by the interaction's verification) says the network path works.
     */
    public static Uni<HealthCheckResponse> reachable(String name, String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build();
        return Uni.createFrom().completionStage(() -> HTTP.sendAsync(request, HttpResponse.BodyHandlers.discarding()))
                .map(response -> HealthCheckResponse.named(name).up().withData("status", response.statusCode()).build())
                .onFailure().recoverWithItem(e -> HealthCheckResponse.named(name).down()
                        .withData("reason", String.valueOf(e.getMessage())).build());
    }

    /** config-service's internal API answers (the system parameters, read fresh with the service's own token). */
    @HealthGroup("dependencies")
    @ApplicationScoped
    @IfBuildProperty(name = "omnichannel.platform.health.config-service", stringValue = "true")
    public static class ConfigService implements AsyncHealthCheck {

        private final InteractionDirectory directory;

        public ConfigService(InteractionDirectory directory) {
            this.directory = directory;
        }

        @Override
        public Uni<HealthCheckResponse> call() {
            return directory.freshParameters().ifNoItem().after(TIMEOUT).fail()
                    .map(ok -> HealthCheckResponse.up("config-service"))
                    .onFailure().recoverWithItem(e -> HealthCheckResponse.named("config-service").down()
                            .withData("reason", String.valueOf(e.getMessage())).build());
        }
    }
}
