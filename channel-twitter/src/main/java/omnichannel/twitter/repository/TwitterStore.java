package omnichannel.twitter.repository;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import omnichannel.twitter.Registration;

/**
 * Webhook registrations and polling cursors in PostgreSQL. Plain SQL on the reactive client (here, in the repository
 * layer, only): the polling claim is a {@code FOR UPDATE SKIP LOCKED} statement that several instances run at once.
 */
@ApplicationScoped
public class TwitterStore {

    private final Pool pool;

    public TwitterStore(Pool pool) {
        this.pool = pool;
    }

    public Uni<Registration> registration(String interactionId) {
        return pool.preparedQuery("select * from webhook_registration where interaction_id = $1")
                .execute(Tuple.of(interactionId))
                .map(rows -> {
                    var it = rows.iterator();
                    return it.hasNext() ? registration(it.next()) : null;
                });
    }

    public Uni<Registration> save(Registration r) {
        return pool.preparedQuery("insert into webhook_registration (interaction_id, webhook_id, url, valid, subscribed, "
                + "last_error, updated_at, mode) values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict (interaction_id) do "
                + "update set webhook_id = $2, url = $3, valid = $4, subscribed = $5, last_error = $6, updated_at = $7, "
                + "mode = $8")
                .execute(Tuple.of(r.interactionId(), r.webhookId(), r.url(), r.valid(), r.subscribed(), r.lastError())
                        .addValue(utc(r.updatedAt())).addValue(r.mode()))
                .replaceWith(r);
    }

    /** The interaction's registration is over (deleted, deactivated, polling): it is no longer reconciled. */
    public Uni<Void> forget(String interactionId) {
        return pool.preparedQuery("delete from webhook_registration where interaction_id = $1")
                .execute(Tuple.of(interactionId)).replaceWithVoid();
    }

    /** The interactions whose accounts are subscribed through the X Activity API, for the scheduled reconciliation. */
    public Uni<List<String>> activityApiInteractions() {
        return pool.preparedQuery("select interaction_id from webhook_registration where mode = 'ACTIVITY_API'")
                .execute().map(rows -> {
                    List<String> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getString("interaction_id")));
                    return ids;
                });
    }

    /**
     * Runs {@code work} holding a PostgreSQL advisory lock named by {@code key} for as long as it runs (a transaction
     * lock): replicas never reconcile the same X subscriptions at once. With {@code wait} false, work that finds the
     * lock taken is skipped (null).
     */
    public <T> Uni<T> exclusively(String key, boolean wait, Supplier<Uni<T>> work) {
        String lock = wait
                ? "select pg_advisory_xact_lock(hashtext($1)) is null as taken"
                : "select pg_try_advisory_xact_lock(hashtext($1)) as taken";
        return pool.withTransaction(connection -> connection.preparedQuery(lock).execute(Tuple.of(key))
                .chain(rows -> wait || rows.iterator().next().getBoolean("taken")
                        ? work.get()
                        : Uni.createFrom().nullItem()));
    }

    /** A polled interaction and the newest DM event already published (null before the first poll). */
    public record Cursor(String interactionId, String newestEventId) {
    }

    public Uni<Void> polling(String interactionId, boolean active) {
        return pool.preparedQuery("insert into polling_state (interaction_id, active, updated_at) values ($1, $2, now()) "
                + "on conflict (interaction_id) do update set active = $2, updated_at = now()")
                .execute(Tuple.of(interactionId, active)).replaceWithVoid();
    }

    /**
     * Claims the polled interactions due now, holding each for {@code hold}: with several instances, each interaction
     * is polled by one of them at a time (rows being claimed elsewhere are skipped).
     */
    public Uni<List<Cursor>> claimDue(Duration hold) {
        return pool.preparedQuery("update polling_state set not_before = $1 where interaction_id in (select "
                + "interaction_id from polling_state where active and (not_before is null or not_before <= now()) "
                + "for update skip locked) returning interaction_id, newest_event_id")
                .execute(Tuple.of(utc(Instant.now().plus(hold))))
                .map(rows -> {
                    List<Cursor> cursors = new ArrayList<>();
                    rows.forEach(row -> cursors.add(new Cursor(row.getString("interaction_id"),
                            row.getString("newest_event_id"))));
                    return cursors;
                });
    }

    /** Moves the cursor forward only: a slower concurrent poll never moves it back. */
    public Uni<Void> advance(String interactionId, String newestEventId) {
        return pool.preparedQuery("update polling_state set newest_event_id = $2, updated_at = now() "
                + "where interaction_id = $1 and (newest_event_id is null "
                + "or length(newest_event_id) < length($2) "
                + "or (length(newest_event_id) = length($2) and newest_event_id < $2))")
                .execute(Tuple.of(interactionId, newestEventId)).replaceWithVoid();
    }

    private static Registration registration(Row row) {
        OffsetDateTime updated = row.getOffsetDateTime("updated_at");
        return new Registration(row.getString("interaction_id"), row.getString("webhook_id"), row.getString("url"),
                row.getBoolean("valid"), row.getBoolean("subscribed"), row.getString("last_error"),
                updated == null ? null : updated.toInstant(), row.getString("mode"));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
