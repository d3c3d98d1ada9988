package omnichannel.whatsapp.repository;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

import omnichannel.platform.sending.SendLogTable;
import omnichannel.platform.sending.SendOnce;
import omnichannel.whatsapp.MessageStatus;
import omnichannel.whatsapp.SentMessage;

/**
 * The sent_message table: plain SQL on the reactive client, as every service but config-service does (no ORM to boot:
 * the service starts faster, and a reservation is one statement).
 */
@ApplicationScoped
public class SentMessageStore {

    private static final SendLogTable TABLE = new SendLogTable("sent_message",
            List.of("interaction_id", "recipient", "correlation_id", "template_variables", "purpose"));

    private final Pool pool;
    private final MessageStatusStore history;

    public SentMessageStore(Pool pool, MessageStatusStore history) {
        this.pool = pool;
        this.history = history;
    }

    /**
     * Adds a reported status to the history and moves the message it names to {@code move}'s answer (the same
     * message: no change), in one transaction with the message's row locked, so two reports cannot both move it; the
     * message as it is now, or null when it is not one of ours.
     */
    public Uni<SentMessage> recordStatus(MessageStatus reported, UnaryOperator<SentMessage> move) {
        return pool.withTransaction(connection -> history.add(connection, reported)
                .chain(() -> byProviderIdForUpdate(connection, reported.providerMessageId()))
                .chain(message -> {
                    if (message == null) {
                        return Uni.createFrom().nullItem();
                    }
                    SentMessage moved = move.apply(message);
                    return moved == message
                            ? Uni.createFrom().item(message)
                            : updateStatus(connection, moved).replaceWith(moved);
                }));
    }

    /** The entry of this event, created as {@code SENDING} when there is none yet: one statement, so no race. */
    public Uni<SendOnce.Reservation> reserve(SentMessage entry) {
        return TABLE.reserve(pool, entry.eventId(), entry.createdAt(), entry.interactionId(), entry.recipient(),
                entry.correlationId(), entry.templateVariables(), entry.purpose());
    }

    /** Twilio's answer for the event: accepted with this sid, or refused with this code. */
    public Uni<Void> settle(UUID eventId, String status, String providerMessageId, String errorCode, String sentAs) {
        return pool.preparedQuery("update sent_message set status = $2, provider_message_id = $3, error_code = $4, "
                + "sent_as = $5, updated_at = $6 where event_id = $1")
                .execute(Tuple.from(new Object[]{eventId, status, providerMessageId, errorCode, sentAs,
                        Instant.now().atOffset(ZoneOffset.UTC)}))
                .replaceWithVoid();
    }

    /** Which of these Twilio message sids are already the record of one of our entries. */
    public Uni<Set<String>> known(Collection<String> providerMessageIds) {
        return pool.preparedQuery("select provider_message_id from sent_message where provider_message_id = any($1)")
                .execute(Tuple.of(providerMessageIds.toArray(String[]::new)))
                .map(rows -> StreamSupport.stream(rows.spliterator(), false)
                        .map(row -> row.getString("provider_message_id")).collect(Collectors.toSet()));
    }

    /** The message Twilio knows by this sid, locked until the transaction of {@code connection} ends; or null. */
    private Uni<SentMessage> byProviderIdForUpdate(SqlClient connection, String providerMessageId) {
        return connection.preparedQuery("select " + SentMessage.COLUMNS
                + " from sent_message where provider_message_id = $1 limit 1 for update")
                .execute(Tuple.of(providerMessageId))
                .map(rows -> rows.iterator().hasNext() ? SentMessage.of(rows.iterator().next()) : null);
    }

    private Uni<Void> updateStatus(SqlClient connection, SentMessage message) {
        return connection.preparedQuery("update sent_message set status = $2, error_code = $3, updated_at = $4 "
                + "where event_id = $1")
                .execute(Tuple.of(message.eventId(), message.status(), message.errorCode(),
                        message.updatedAt().atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }
}
