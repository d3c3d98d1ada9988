package omnichannel.bridge.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.HealthGroup;
import io.smallrye.mutiny.Uni;

import omnichannel.bridge.client.FourBizClient;
import omnichannel.platform.health.DependencyHealth;

/**
 * A working 4biz login (the session in use, or a fresh login), in the {@code dependencies} health group with
 * config-service (platform's {@link DependencyHealth}): never in readiness, so that a 4biz outage, which the bridge
 * rides out with each conversation waiting on its own back-off, does not take every pod out of its Service.
 */
@HealthGroup("dependencies")
@ApplicationScoped
public class FourBizLoginCheck implements AsyncHealthCheck {

    private final FourBizClient fourBiz;

    public FourBizLoginCheck(FourBizClient fourBiz) {
        this.fourBiz = fourBiz;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return fourBiz.loggedIn().ifNoItem().after(DependencyHealth.TIMEOUT).fail()
                .map(ok -> HealthCheckResponse.up("4biz login"))
                .onFailure().recoverWithItem(e -> HealthCheckResponse.named("4biz login").down()
                        .withData("reason", String.valueOf(e.getMessage())).build());
    }
}
