package omnichannel.gateway.rest;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;

import omnichannel.gateway.service.SignatureFailureReports;
import omnichannel.platform.interactions.InternalInteraction;

/**
 * What a webhook with a bad signature gets, whatever the provider: counted
 * ({@code omnichannel_webhook_signature_failures_total}, and reported to config-service for the console), then refused with 403, or accepted and logged when the
 * interaction is in log-only mode for a rollout.
 */
@ApplicationScoped
public class BadSignatures {

    private final MeterRegistry metrics;
    private final SignatureFailureReports reports;

    public BadSignatures(MeterRegistry metrics, SignatureFailureReports reports) {
        this.metrics = metrics;
        this.reports = reports;
    }

    /** Returns when log-only mode accepts the request; throws {@link Forbidden} otherwise. */
    void handle(InternalInteraction interaction, String what) {
        metrics.counter("omnichannel.webhook.signature.failures", "interaction", interaction.id(), "mode",
                interaction.signatureLogOnly() ? "log-only" : "enforce").increment();
        reports.record(interaction.id());
        if (interaction.signatureLogOnly()) {
            Log.warnf("accepted a webhook with a bad signature (log-only mode) interaction=%s", interaction.id());
            return;
        }
        Log.warnf("rejected a webhook with a bad signature interaction=%s", interaction.id());
        throw new Forbidden(what + " does not match");
    }
}
