package omnichannel.gateway.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;

import omnichannel.gateway.config.GatewayConfig;
import omnichannel.platform.interactions.InternalApi;
import omnichannel.platform.interactions.SignatureFailureReport;

/**
 * Counts webhooks with a bad signature per interaction in this replica and reports the counts to config-service
 * every {@link GatewayConfig#signatureReportInterval()}, so the console shows the sum over every replica. A
 * report that fails is counted again in the next one (nothing is lost while config-service is down); a crash loses at
 * most one interval of counts, which Prometheus's counter still has.
 */
@ApplicationScoped
public class SignatureFailureReports {

    /** Failures not reported yet, and the time of the last. */
    private record Pending(long failures, Instant lastAt) {

        Pending plus(Pending other) {
            return new Pending(failures + other.failures, lastAt.isAfter(other.lastAt) ? lastAt : other.lastAt);
        }
    }

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final InternalApi configService;
    private final Vertx vertx;
    private final Duration interval;
    private long timer = -1;

    public SignatureFailureReports(@RestClient InternalApi configService, Vertx vertx, GatewayConfig config) {
        this.configService = configService;
        this.vertx = vertx;
        this.interval = config.signatureReportInterval();
    }

    public void record(String interactionId) {
        pending.merge(interactionId, new Pending(1, Instant.now()), Pending::plus);
    }

    void start(@Observes StartupEvent started) {
        timer = vertx.setPeriodic(interval.toMillis(), tick -> report());
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Takes what is pending (up to the report's size) and sends it; on failure it is pending again. */
    void report() {
        List<SignatureFailureReport.Count> counts = new ArrayList<>();
        for (String interaction : List.copyOf(pending.keySet())) {
            if (counts.size() == SignatureFailureReport.MAX_COUNTS) {
                break;
            }
            Pending taken = pending.remove(interaction);
            if (taken != null) {
                counts.add(new SignatureFailureReport.Count(interaction, taken.failures(), taken.lastAt()));
            }
        }
        if (counts.isEmpty()) {
            return;
        }
        configService.signatureFailures(new SignatureFailureReport(counts)).subscribe().with(
                done -> Log.debugf("reported signature failures of %d interactions", counts.size()),
                failure -> {
                    Log.warnf("signature failure counts not reported yet, kept for the next report: %s",
                            failure.getMessage());
                    counts.forEach(count -> pending.merge(count.interactionId(),
                            new Pending(count.failures(), count.lastAt()), Pending::plus));
                });
    }
}
