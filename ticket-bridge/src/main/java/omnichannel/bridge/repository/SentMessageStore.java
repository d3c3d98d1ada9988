package omnichannel.bridge.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The outbound messages the bridge published (sent_message): what puts a later delivery failure on its ticket, and the
 * answers the closed window holds for the person's next message.
 */
@ApplicationScoped
public class SentMessageStore {

    private final Pool pool;

    public SentMessageStore(Pool pool) {
        this.pool = pool;
    }

    /**
     * An outbound message published for a conversation, kept to put a later delivery failure on its ticket.
     *
     * @param mediaLinks the links to attendants' files it carried (media_link ids)
     */
    public record SentMessage(UUID eventId, String conversationKey, String ticketNumber, String purpose, String text,
            List<UUID> mediaLinks) {
    }

    /**
     * A sent message with what the delivery consumer needs.
     *
     * @param held the window kept it from the person and it waits for their next message
     * @param releaseOf the held message this one sends again; null for any other
     * @param releaseNoted the attendant was told this release went out
     */
    public record SentRecord(UUID eventId, String conversationKey, String ticketNumber, String purpose, String text,
            Instant createdAt, boolean failureRecorded, boolean held, UUID releaseOf, boolean releaseNoted) {
    }

    /** An answer held for the person's next message. */
    public record Held(UUID eventId, String ticketNumber, String text, List<UUID> mediaLinks) {
    }

    /**
     * Records messages published outside the handling of an inbound message (answers, notices); the handling of one
     * records its own with the conversation ({@link ConversationStore#commit}).
     */
    public Uni<Void> record(List<SentMessage> sent) {
        Instant now = Instant.now();
        if (sent.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> rows = sent.stream().map(s -> Tuple.of(s.eventId(), s.conversationKey(), s.ticketNumber(),
                s.purpose(), s.text(), ConversationStore.utc(now))
                .addArrayOfUUID(s.mediaLinks().isEmpty() ? null : s.mediaLinks().toArray(UUID[]::new))).toList();
        return pool.preparedQuery("insert into sent_message (event_id, conversation_key, ticket_number, purpose, "
                + "text, created_at, media_link_ids) values ($1, $2, $3, $4, $5, $6, $7) on conflict do nothing")
                .executeBatch(rows).replaceWithVoid();
    }

    /** The sent message with our event id; null when unknown. */
    public Uni<SentRecord> find(UUID eventId) {
        return pool.preparedQuery("select event_id, conversation_key, ticket_number, purpose, text, created_at, "
                + "failure_recorded, held_at, release_of, release_noted from sent_message where event_id = $1")
                .execute(Tuple.of(eventId))
                .map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        return null;
                    }
                    Row row = it.next();
                    return new SentRecord(row.getUUID("event_id"), row.getString("conversation_key"),
                            row.getString("ticket_number"), row.getString("purpose"), row.getString("text"),
                            row.getOffsetDateTime("created_at").toInstant(), row.getBoolean("failure_recorded"),
                            row.getOffsetDateTime("held_at") != null, row.getUUID("release_of"),
                            row.getBoolean("release_noted"));
                });
    }

    public Uni<Void> failureRecorded(UUID eventId) {
        return pool.preparedQuery("update sent_message set failure_recorded = true where event_id = $1")
                .execute(Tuple.of(eventId)).replaceWithVoid();
    }

    /** The message waits for the person's next message (no-op when it was held already). */
    public Uni<Void> hold(UUID eventId) {
        return pool.preparedQuery("update sent_message set held_at = $2 where event_id = $1 and held_at is null")
                .execute(Tuple.of(eventId, ConversationStore.utc(Instant.now()))).replaceWithVoid();
    }

    /** The conversation's held answers not yet sent again, oldest first. */
    public Uni<List<Held>> held(String conversationKey) {
        return pool.preparedQuery("select event_id, ticket_number, text, media_link_ids from sent_message "
                + "where conversation_key = $1 "
                + "and held_at is not null and released_as is null order by seq")
                .execute(Tuple.of(conversationKey))
                .map(rows -> {
                    List<Held> held = new ArrayList<>();
                    rows.forEach(row -> {
                        UUID[] links = row.getArrayOfUUIDs("media_link_ids");
                        held.add(new Held(row.getUUID("event_id"), row.getString("ticket_number"), row.getString("text"),
                                links == null ? List.of() : List.of(links)));
                    });
                    return held;
                });
    }

    /**
     * Held answers were published again as {@code releases} (same order): one statement records the new messages and
     * marks the held ones released; repeating it changes nothing.
     */
    public Uni<Void> released(String conversationKey, List<Held> held, List<UUID> releases) {
        Tuple values = Tuple.of(conversationKey, held.stream().map(Held::eventId).toArray(UUID[]::new),
                releases.toArray(UUID[]::new), held.stream().map(Held::ticketNumber).toArray(String[]::new),
                held.stream().map(Held::text).toArray(String[]::new), ConversationStore.utc(Instant.now()));
        return pool.preparedQuery("with sent as (insert into sent_message (event_id, conversation_key, ticket_number, "
                + "purpose, text, created_at, release_of) select r.id, $1, r.t, 'ATTENDANT_ANSWER', r.x, $6, r.o "
                + "from unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[]) as r(o, id, t, x) on conflict do nothing) "
                + "update sent_message s set released_as = r.id from unnest($2::uuid[], $3::uuid[]) as r(o, id) "
                + "where s.event_id = r.o")
                .execute(values).replaceWithVoid();
    }

    /** The attendant was told the release went out. */
    public Uni<Void> releaseNoted(UUID eventId) {
        return pool.preparedQuery("update sent_message set release_noted = true where event_id = $1")
                .execute(Tuple.of(eventId)).replaceWithVoid();
    }
}
