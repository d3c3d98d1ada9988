package omnichannel.twitter.repository;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import omnichannel.events.OutboundMessage;
import omnichannel.platform.sending.PermanentSendFailure;
import omnichannel.platform.sending.SendLogTable;
import omnichannel.platform.sending.SendOnce;

/**
 * What was sent, by outbound event id: the memory that makes a redelivered event a no-op. Plain SQL on the reactive
 * client (here, in the repository layer, only): the reservation is one {@code INSERT … ON CONFLICT DO NOTHING}.
 */
@ApplicationScoped
public class SentDmStore implements SendOnce.SendLog {

    public static final String SENDING = SendLogTable.SENDING;
    public static final String SENT = "SENT";
    public static final String FAILED = "FAILED";

    private static final SendLogTable TABLE = new SendLogTable("sent_dm", List.of("interaction_id", "recipient"));

    private final Pool pool;

    public SentDmStore(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Uni<SendOnce.Reservation> reserve(OutboundMessage message) {
        return TABLE.reserve(pool, message.eventId(), Instant.now(), message.interactionId(), message.recipient().id());
    }

    @Override
    public Uni<Void> accepted(UUID eventId, SendOnce.Accepted accepted) {
        return settle(eventId, SENT, accepted.providerMessageId(), null);
    }

    @Override
    public Uni<Void> failed(UUID eventId, PermanentSendFailure failure) {
        return settle(eventId, FAILED, null, failure.getMessage());
    }

    Uni<Void> settle(UUID eventId, String status, String dmEventId, String error) {
        return pool.preparedQuery("update sent_dm set status = $2, dm_event_id = $3, error = $4, updated_at = $5 "
                + "where event_id = $1")
                .execute(Tuple.of(eventId, status, dmEventId, error == null || error.length() <= 512
                        ? error
                        : error.substring(0, 512), Instant.now().atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    /** The media id an earlier attempt uploaded for this message within {@code maxAge}, or null. */
    public Uni<String> mediaId(UUID eventId, Duration maxAge) {
        return pool.preparedQuery("select media_id from sent_dm where event_id = $1 and media_uploaded_at > $2")
                .execute(Tuple.of(eventId, Instant.now().minus(maxAge).atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getString("media_id") : null);
    }

    /** X took the message's file under this media id. */
    public Uni<Void> mediaUploaded(UUID eventId, String mediaId) {
        return pool.preparedQuery("update sent_dm set media_id = $2, media_uploaded_at = $3 where event_id = $1")
                .execute(Tuple.of(eventId, mediaId, Instant.now().atOffset(ZoneOffset.UTC))).replaceWithVoid();
    }

    /** The DM event id X gave a sent message, or null. */
    public Uni<String> dmEventId(UUID eventId) {
        return pool.preparedQuery("select dm_event_id from sent_dm where event_id = $1").execute(Tuple.of(eventId))
                .map(rows -> {
                    var it = rows.iterator();
                    return it.hasNext() ? it.next().getString("dm_event_id") : null;
                });
    }
}
