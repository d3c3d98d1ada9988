package omnichannel.config.service;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import omnichannel.config.repository.SignatureFailureRepository;
import omnichannel.platform.interactions.SignatureFailureReport;
import omnichannel.platform.rest.ProblemException;

/**
 * The gateways' reports of bad signatures, added up per interaction and hour (30 days kept); the last 24 hours for the
 * console.
 */
@ApplicationScoped
public class SignatureFailures {

    /** An interaction's bad signatures in the last 24 hours, and the time of the last one (null when none). */
    public record Recent(long last24h, Instant lastAt) {
    }

    private final SignatureFailureRepository repository;

    public SignatureFailures(SignatureFailureRepository repository) {
        this.repository = repository;
    }

    @WithTransaction
    public Uni<Void> add(SignatureFailureReport report) {
        if (report == null || report.counts() == null || report.counts().size() > SignatureFailureReport.MAX_COUNTS) {
            throw ProblemException.badRequest("counts: 1 to " + SignatureFailureReport.MAX_COUNTS + " are required");
        }
        for (SignatureFailureReport.Count count : report.counts()) {
            if (count.interactionId() == null || count.interactionId().isBlank() || count.interactionId().length() > 64
                    || count.failures() < 1 || count.lastAt() == null) {
                throw ProblemException.badRequest("each count needs an interaction id (at most 64 characters), "
                        + "failures of 1 or more and the time of the last");
            }
        }
        return Multi.createFrom().iterable(report.counts())
                .onItem().transformToUniAndConcatenate(count -> repository.add(count.interactionId(), count.failures(),
                        count.lastAt()))
                .collect().last()
                .chain(() -> repository.deleteHoursBefore(Instant.now().minus(30, ChronoUnit.DAYS)))
                .replaceWithVoid();
    }

    @WithSession
    public Uni<Recent> recent(String interactionId) {
        return repository.since(interactionId, Instant.now().minus(24, ChronoUnit.HOURS))
                .map(row -> new Recent(((Number) row[0]).longValue(), instant(row[1])));
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime time) {
            return time.toInstant();
        }
        if (value instanceof Timestamp time) {
            return time.toInstant();
        }
        if (value instanceof Instant time) {
            return time;
        }
        return OffsetDateTime.parse(value.toString()).toInstant();
    }
}
