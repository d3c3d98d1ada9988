package omnichannel.bridge.repository;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

import omnichannel.bridge.Conversation;
import omnichannel.events.Channel;

/**
 * Conversations in PostgreSQL, with the inbound messages already handled; a message's handling is committed in one
 * statement with what it sent ({@link SentMessageStore}'s table). Plain SQL, because what matters is exactly which
 * statement runs: version-checked updates, and {@code FOR UPDATE SKIP LOCKED} claims that let several bridge instances
 * poll without polling the same ticket.
 */
@ApplicationScoped
public class ConversationStore {

    private static final String COLUMNS = "conversation_key, interaction_id, channel, person_id, display_name, handle, "
            + "phone_number, phase, ticket_number, ticket_status, correlation_id, occurrences_seen, opted_out, "
            + "bot_transcript, bot_options, last_inbound_at, version, csat_until";

    private final Pool pool;

    public ConversationStore(Pool pool) {
        this.pool = pool;
    }

    /** What an inbound message became. */
    public enum Outcome {
        TICKET, FOLLOW_UP, HELPER,
        /** A rating of the resolved ticket (the satisfaction question's answer). */
        RATING
    }

    /** Another writer changed the conversation since it was read; handling the message again resolves it. */
    public static class ConcurrentUpdate extends RuntimeException {

        ConcurrentUpdate(String key) {
            super("conversation " + key + " changed concurrently");
        }
    }

    /** Whether the message was handled already, and the conversation as stored (null when new). */
    public record Loaded(boolean handled, Conversation conversation) {
    }

    /** One round trip: whether the message was handled, and its conversation. */
    public Uni<Loaded> load(String interactionId, String providerMessageId, String key) {
        return pool.preparedQuery("select h.handled, c.* from (select exists(select 1 from handled_message "
                + "where interaction_id = $1 and provider_message_id = $2) as handled) h "
                + "left join conversation c on c.conversation_key = $3")
                .execute(Tuple.of(interactionId, providerMessageId, key))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Loaded(row.getBoolean("handled"),
                            row.getString("conversation_key") == null ? null : conversation(row));
                });
    }

    /**
     * What the bridge saw of one interaction: its last message in, messages in the last 24 hours, the last answer it
     * sent to the channel, and the sends the channel reported as failed in the last 24 hours.
     */
    public record Health(Instant lastMessageIn, long messagesLast24h, Instant lastAnswerSent,
            long deliveryFailuresLast24h) {
    }

    public Uni<Health> health(String interactionId) {
        return pool.preparedQuery("select (select max(handled_at) from handled_message where interaction_id = $1) "
                + "as last_in, (select count(*) from handled_message where interaction_id = $1 "
                + "and handled_at > now() - interval '24 hours') as in_24h, (select max(s.created_at) from sent_message s "
                + "join conversation c on c.conversation_key = s.conversation_key where c.interaction_id = $1) as last_sent, "
                + "(select count(*) from sent_message s join conversation c on c.conversation_key = s.conversation_key "
                + "where c.interaction_id = $1 and s.failure_recorded and s.created_at > now() - interval '24 hours') "
                + "as failures_24h")
                .execute(Tuple.of(interactionId))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    OffsetDateTime lastIn = row.getOffsetDateTime("last_in");
                    OffsetDateTime lastSent = row.getOffsetDateTime("last_sent");
                    return new Health(lastIn == null ? null : lastIn.toInstant(), row.getLong("in_24h"),
                            lastSent == null ? null : lastSent.toInstant(), row.getLong("failures_24h"));
                });
    }

    /** The conversation whose current or latest ticket this is, or null. */
    public Uni<Conversation> findByTicket(String ticketNumber) {
        return pool.preparedQuery("select " + COLUMNS
                + " from conversation where ticket_number = $1 order by updated_at desc limit 1")
                .execute(Tuple.of(ticketNumber))
                .map(ConversationStore::first);
    }

    /**
     * Stores the conversation as the handling of one message left it, marks the message handled and records what was
     * sent: one statement, so one round trip and atomic. Fails with {@link ConcurrentUpdate} when the poller changed
     * the conversation meanwhile (then nothing is written).
     */
    public Uni<Void> commit(Conversation c, String providerMessageId, Outcome outcome, List<SentMessageStore.SentMessage> sent,
            Duration pollInterval) {
        Instant now = Instant.now();
        // the poller starts on a new ticket after one interval; a conversation without an open ticket is not polled
        boolean setPoll = c.ticketOpened || !c.hasOpenTicket();
        OffsetDateTime nextPoll = c.hasOpenTicket() ? utc(now.plus(pollInterval)) : null;
        Tuple values = Tuple.tuple(List.of(c.key, c.interactionId, c.channel.name(), c.personId))
                .addValue(c.displayName).addValue(c.handle).addValue(c.phoneNumber).addValue(c.phase.name())
                .addValue(c.ticketNumber).addValue(c.ticketStatus).addValue(c.correlationId)
                .addValue(c.occurrencesSeen).addValue(c.optedOut).addValue(c.botTranscript)
                .addValue(new JsonArray(c.botOptions).encode()).addValue(utc(c.lastInboundAt))
                .addValue(utc(now)).addValue(setPoll).addValue(nextPoll).addValue(c.ticketOpened)
                .addValue(c.version).addValue(providerMessageId).addValue(outcome.name())
                .addValue(sent.stream().map(SentMessageStore.SentMessage::eventId).toArray(UUID[]::new))
                .addValue(sent.stream().map(SentMessageStore.SentMessage::ticketNumber).toArray(String[]::new))
                .addValue(sent.stream().map(SentMessageStore.SentMessage::purpose).toArray(String[]::new))
                .addValue(sent.stream().map(SentMessageStore.SentMessage::text).toArray(String[]::new))
                .addValue(utc(c.csatUntil));
        String saved = c.version == 0
                ? "insert into conversation (" + COLUMNS + ", updated_at, next_poll_at) select $1, $2, $3, $4, "
                        + "$5::text, $6::text, $7::text, $8, $9::text, $10::text, $11, "
                        + "case when $20 then 0 else $12::int end, $13::boolean, $14::text, $15::text, "
                        + "$16::timestamptz, 1, $28::timestamptz, $17::timestamptz, case when $18 then $19::timestamptz end "
                        + "where $21::bigint = 0 on conflict do nothing returning 1"
                : "update conversation set display_name = $5, handle = $6, phone_number = $7, phase = $8, "
                        + "ticket_number = $9, ticket_status = $10, correlation_id = $11, "
                        // what the poller has seen is the poller's, except that a new ticket starts from nothing
                        + "occurrences_seen = case when $20 then $12::int else occurrences_seen end, "
                        + "opted_out = $13, bot_transcript = $14, bot_options = $15, last_inbound_at = $16, "
                        + "updated_at = $17, next_poll_at = case when $18 then $19::timestamptz else next_poll_at end, "
                        + "csat_until = $28, "
                        + "version = version + 1 "
                        + "where conversation_key = $1 and version = $21 and interaction_id = $2 and channel = $3 "
                        + "and person_id = $4 returning 1";
        String sql = "with saved as (" + saved + "), "
                + "handled as (insert into handled_message (interaction_id, provider_message_id, conversation_key, "
                + "outcome, ticket_number, handled_at) select $2, $22, $1, $23, $9::text, $17::timestamptz from saved "
                + "on conflict do nothing), "
                + "sent as (insert into sent_message (event_id, conversation_key, ticket_number, purpose, text, "
                + "created_at) select s.e, $1, s.t, s.p, s.x, $17::timestamptz from saved, "
                + "unnest($24::uuid[], $25::text[], $26::text[], $27::text[]) as s(e, t, p, x) on conflict do nothing) "
                + "select count(*) as saved from saved";
        return pool.preparedQuery(sql).execute(values).invoke(rows -> {
            if (rows.iterator().next().getLong("saved") != 1) {
                throw new ConcurrentUpdate(c.key);
            }
            c.version++;
            c.ticketOpened = false;
        }).replaceWithVoid();
    }

    /**
     * Claims up to {@code limit} conversations whose ticket is due for a poll, moving their next poll one interval
     * ahead; rows another instance is claiming are skipped, so each ticket is polled by one instance at a time.
     */
    public Uni<List<Conversation>> claimDue(int limit, Duration interval) {
        Instant now = Instant.now();
        return pool.preparedQuery("update conversation set next_poll_at = $1 where conversation_key in ("
                + "select conversation_key from conversation where next_poll_at <= $2 order by next_poll_at "
                + "limit $3 for update skip locked) returning " + COLUMNS)
                .execute(Tuple.of(utc(now.plus(interval)), utc(now), limit))
                .map(ConversationStore::all);
    }

    /**
     * The poller saw {@code count} follow-ups on the ticket; never moves backwards. Not a change of the conversation's
     * course (the consumer never writes this column but to reset it), so the version stays.
     */
    public Uni<Void> occurrencesSeen(String key, String ticketNumber, int count) {
        return pool.preparedQuery("update conversation set occurrences_seen = $3 "
                + "where conversation_key = $1 and ticket_number = $2 and occurrences_seen < $3")
                .execute(Tuple.of(key, ticketNumber, count)).replaceWithVoid();
    }

    /**
     * The ticket was resolved, closed or cancelled: the person's next message starts over.
     *
     * @param csatUntil until when a rating of the ticket is expected; null when the person was not asked
     */
    public Uni<Void> ticketClosed(String key, String ticketNumber, String status, Instant csatUntil) {
        return pool.preparedQuery("update conversation set phase = 'IDLE', ticket_status = $3, next_poll_at = null, "
                + "csat_until = $4, version = version + 1, updated_at = now() "
                + "where conversation_key = $1 and ticket_number = $2 and phase = 'TICKET'")
                .execute(Tuple.of(key, ticketNumber, status, utc(csatUntil))).replaceWithVoid();
    }

    /**
     * An attendant contacts the person about {@code ticketNumber}: the conversation (new, or without an open ticket)
     * now follows that ticket, from the follow-ups it has already ({@code occurrencesSeen}), so the person's answer
     * becomes its follow-up and the attendants' next answers are polled. Fails with {@link ConcurrentUpdate} when the
     * conversation changed since it was read.
     */
    public Uni<Void> followForContact(Conversation c, int occurrencesSeen, Duration pollInterval) {
        Instant now = Instant.now();
        Tuple values = Tuple.tuple(List.of(c.key, c.interactionId, c.channel.name(), c.personId))
                .addValue(c.ticketNumber).addValue(c.correlationId).addValue(occurrencesSeen)
                .addValue(utc(now)).addValue(utc(now.plus(pollInterval))).addValue(c.version);
        String sql = c.version == 0
                ? "insert into conversation (conversation_key, interaction_id, channel, person_id, phase, ticket_number, "
                        + "correlation_id, occurrences_seen, opted_out, version, updated_at, next_poll_at) values "
                        + "($1, $2, $3, $4, 'TICKET', $5, $6, $7, false, 1, $8, $9) on conflict do nothing "
                        + "returning $10::bigint"
                : "update conversation set phase = 'TICKET', ticket_number = $5, ticket_status = null, "
                        + "correlation_id = $6, occurrences_seen = $7, csat_until = null, updated_at = $8, "
                        + "next_poll_at = $9, version = version + 1 where conversation_key = $1 and version = $10 "
                        + "and interaction_id = $2 and channel = $3 and person_id = $4 returning version";
        return pool.preparedQuery(sql).execute(values).invoke(rows -> {
            if (rows.rowCount() != 1) {
                throw new ConcurrentUpdate(c.key);
            }
        }).replaceWithVoid();
    }

    /** The conversation with this key, or null. */
    public Uni<Conversation> conversation(String key) {
        return pool.preparedQuery("select " + COLUMNS + " from conversation where conversation_key = $1")
                .execute(Tuple.of(key))
                .map(ConversationStore::first);
    }

    private static Conversation first(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? conversation(it.next()) : null;
    }

    private static List<Conversation> all(RowSet<Row> rows) {
        List<Conversation> list = new ArrayList<>();
        rows.forEach(row -> list.add(conversation(row)));
        return list;
    }

    private static Conversation conversation(Row row) {
        Conversation c = new Conversation(row.getString("conversation_key"), row.getString("interaction_id"),
                Channel.valueOf(row.getString("channel")), row.getString("person_id"));
        c.displayName = row.getString("display_name");
        c.handle = row.getString("handle");
        c.phoneNumber = row.getString("phone_number");
        c.phase = Conversation.Phase.valueOf(row.getString("phase"));
        c.ticketNumber = row.getString("ticket_number");
        c.ticketStatus = row.getString("ticket_status");
        c.correlationId = row.getString("correlation_id");
        c.occurrencesSeen = row.getInteger("occurrences_seen");
        c.optedOut = row.getBoolean("opted_out");
        c.botTranscript = row.getString("bot_transcript");
        String options = row.getString("bot_options");
        c.botOptions = options == null
                ? List.of()
                : new JsonArray(options).stream().map(String::valueOf).toList();
        OffsetDateTime lastInbound = row.getOffsetDateTime("last_inbound_at");
        c.lastInboundAt = lastInbound == null ? null : lastInbound.toInstant();
        c.version = row.getLong("version");
        OffsetDateTime csatUntil = row.getOffsetDateTime("csat_until");
        c.csatUntil = csatUntil == null ? null : csatUntil.toInstant();
        return c;
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
