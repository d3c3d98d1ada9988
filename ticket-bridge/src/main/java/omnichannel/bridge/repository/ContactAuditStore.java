package omnichannel.bridge.repository;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** The audit of attendants' contact requests, and the counts the rate limits read from it (shared by the replicas). */
@ApplicationScoped
public class ContactAuditStore {

    private final Pool pool;

    public ContactAuditStore(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> record(String caller, String ticketNumber, String interactionId, String recipientHash,
            String outcome) {
        return pool.preparedQuery("insert into contact_audit (caller, ticket_number, interaction_id, recipient_hash, "
                + "outcome) values ($1, $2, $3, $4, $5)")
                .execute(Tuple.of(caller, ticketNumber, interactionId, recipientHash, outcome)).replaceWithVoid();
    }

    /** Requests by {@code caller} in the last {@code window}. */
    public Uni<Long> byCaller(String caller, Duration window) {
        return count("caller", caller, window);
    }

    /** Requests about {@code ticketNumber} in the last {@code window}. */
    public Uni<Long> byTicket(String ticketNumber, Duration window) {
        return count("ticket_number", ticketNumber, window);
    }

    private Uni<Long> count(String column, String value, Duration window) {
        return pool.preparedQuery("select count(*) from contact_audit where " + column + " = $1 and at > $2")
                .execute(Tuple.of(value, Instant.now().minus(window).atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.iterator().next().getLong(0));
    }
}
