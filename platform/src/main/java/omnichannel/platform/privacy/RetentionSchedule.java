package omnichannel.platform.privacy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

import omnichannel.platform.config.PlatformConfig;

/**
 * The retention rule (LGPD), once for every service that keeps personal data: every
 * {@code omnichannel.platform.retention.every}, the service's {@link PersonalDataStore} deletes what is older than
 * {@code omnichannel.platform.retention.period} (default 180 days). Nothing happens in a service without a store.
 */
@ApplicationScoped
public class RetentionSchedule {

    private final Instance<PersonalDataStore> stores;
    private final PlatformConfig platform;

    public RetentionSchedule(Instance<PersonalDataStore> stores, PlatformConfig platform) {
        this.stores = stores;
        this.platform = platform;
    }

    @Scheduled(every = "${omnichannel.platform.retention.every:1h}", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public Uni<Void> purge() {
        return stores.isResolvable()
                ? stores.get().purge(platform.retention().period()).replaceWithVoid()
                : Uni.createFrom().voidItem();
    }
}
