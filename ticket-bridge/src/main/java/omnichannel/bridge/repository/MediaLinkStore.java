package omnichannel.bridge.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/** The {@code media_link} table: which attendant's file a link names, until when, and whether it was used. */
@ApplicationScoped
public class MediaLinkStore {

    /** A stored link. */
    public record Link(String ticketNumber, String attachmentId, Instant expiresAt, boolean used) {
    }

    private final Pool pool;

    public MediaLinkStore(Pool pool) {
        this.pool = pool;
    }

    /** Stores a link; one stored before under the same id keeps its expiry (its URL signs it), which is returned. */
    public Uni<Instant> mint(UUID id, String interactionId, String ticketNumber, String attachmentId, Instant expires,
            String conversationKey) {
        return pool.preparedQuery("""
                insert into media_link (id, interaction_id, ticket_number, attachment_id, expires_at, conversation_key)
                values ($1, $2, $3, $4, $5, $6)
                on conflict (id) do update set id = excluded.id
                returning expires_at""")
                .execute(Tuple.of(id, interactionId, ticketNumber, attachmentId, utc(expires)).addValue(conversationKey))
                .map(MediaLinkStore::expiry);
    }

    /** A new link {@code id} to the file {@code old} names (its expiry, as in {@link #mint}); null when {@code old} is gone. */
    public Uni<Instant> renew(UUID id, UUID old, Instant expires) {
        return pool.preparedQuery("""
                insert into media_link (id, interaction_id, ticket_number, attachment_id, expires_at, conversation_key)
                select $1, interaction_id, ticket_number, attachment_id, $3, conversation_key
                from media_link where id = $2
                on conflict (id) do update set id = excluded.id
                returning expires_at""")
                .execute(Tuple.of(id, old, utc(expires)))
                .map(rows -> rows.iterator().hasNext() ? expiry(rows) : null);
    }

    /** The link, or null. */
    public Uni<Link> find(UUID id) {
        return pool.preparedQuery("select ticket_number, attachment_id, expires_at, used_at from media_link where id = $1")
                .execute(Tuple.of(id))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new Link(row.getString("ticket_number"), row.getString("attachment_id"),
                            row.getOffsetDateTime("expires_at").toInstant(), row.getValue("used_at") != null);
                });
    }

    /** Marks the link used; false when it was used already (two fetches at once: one wins). */
    public Uni<Boolean> spend(UUID id) {
        return pool.preparedQuery("update media_link set used_at = now() where id = $1 and used_at is null")
                .execute(Tuple.of(id)).map(updated -> updated.rowCount() == 1);
    }

    /** Deletes links a day past their expiry, except those of held answers not sent yet; how many. */
    public Uni<Integer> purgeExpired() {
        return pool.query("""
                delete from media_link m where expires_at < now() - interval '1 day' and not exists (
                    select 1 from sent_message s where s.held_at is not null and s.released_as is null
                    and m.id = any(s.media_link_ids))""").execute().map(RowSet::rowCount);
    }

    private static Instant expiry(RowSet<Row> rows) {
        return rows.iterator().next().getOffsetDateTime("expires_at").toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
