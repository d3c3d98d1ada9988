package omnichannel.bridge.health;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.HealthGroup;
import io.smallrye.mutiny.Uni;

import omnichannel.bridge.client.FourBizClient;
import omnichannel.platform.interactions.InteractionDirectory;

/**
 * What the bridge depends on, in the {@code dependencies} health group ({@code /q/health/group/dependencies}) for
 * monitoring: never in readiness, so that a 4biz or config-service outage (which the bridge rides out, each
 * conversation waiting on its own back-off) does not take every pod out of its Service.
 */
public final class DependencyChecks {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private DependencyChecks() {
    }

    /** A working 4biz login: the session in use, or a fresh login. */
    @HealthGroup("dependencies")
    @ApplicationScoped
    public static class FourBizLogin implements AsyncHealthCheck {

        private final FourBizClient fourBiz;

        public FourBizLogin(FourBizClient fourBiz) {
            this.fourBiz = fourBiz;
        }

        @Override
        public Uni<HealthCheckResponse> call() {
            return fourBiz.loggedIn().ifNoItem().after(TIMEOUT).fail()
                    .map(ok -> HealthCheckResponse.up("4biz login"))
                    .onFailure().recoverWithItem(e -> HealthCheckResponse.named("4biz login").down()
                            .withData("reason", String.valueOf(e.getMessage())).build());
        }
    }

    /** config-service's internal API answers (the system parameters, read fresh). */
    @HealthGroup("dependencies")
    @ApplicationScoped
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
