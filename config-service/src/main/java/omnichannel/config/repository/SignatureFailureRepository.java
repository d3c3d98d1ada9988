package omnichannel.config.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Bad signatures per interaction and hour ({@code signature_failure}): native SQL for the upsert. */
@ApplicationScoped
public class SignatureFailureRepository {

    /** Adds {@code failures} to the hour of {@code lastAt}, keeping the latest time. */
    public Uni<Integer> add(String interactionId, long failures, Instant lastAt) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("insert into signature_failure (interaction_id, hour, failures, last_at) "
                        + "values (:id, :hour, :failures, :lastAt) on conflict (interaction_id, hour) do update "
                        + "set failures = signature_failure.failures + excluded.failures, "
                        + "last_at = greatest(signature_failure.last_at, excluded.last_at)")
                .setParameter("id", interactionId)
                .setParameter("hour", utc(lastAt.truncatedTo(ChronoUnit.HOURS)))
                .setParameter("failures", failures)
                .setParameter("lastAt", utc(lastAt))
                .executeUpdate());
    }

    public Uni<Integer> deleteHoursBefore(Instant oldest) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("delete from signature_failure where hour < :oldest")
                .setParameter("oldest", utc(oldest))
                .executeUpdate());
    }

    /** {sum of failures, latest time} of the rows whose last failure is after {@code since}. */
    public Uni<Object[]> since(String interactionId, Instant since) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select coalesce(sum(failures), 0), max(last_at) from signature_failure "
                        + "where interaction_id = :id and last_at > :since", Object[].class)
                .setParameter("id", interactionId)
                .setParameter("since", utc(since))
                .getSingleResult());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
