package omnichannel.whatsapp.repository;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import omnichannel.platform.privacy.PersonData;
import omnichannel.platform.privacy.PersonIdentities;
import omnichannel.platform.privacy.PersonalDataStore;

/**
 * What channel-whatsapp holds about people: the messages sent to their number (recipient, template variables with
 * their name and answer excerpt, Twilio's message sid) and those messages' status history. An erasure deletes the
 * history and anonymises the send records (the event id and status stay, so a redelivered event is still not sent
 * again); the retention purge deletes both once they are older than the period.
 */
@ApplicationScoped
public class WhatsAppPersonalDataStore implements PersonalDataStore {

    private static final String THEIR_MESSAGES = "select provider_message_id from sent_message where recipient = any($1)";
    /** What replaces the recipient of an erased person's send record. */
    static final String ERASED = "erased";

    private final Pool pool;

    public WhatsAppPersonalDataStore(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Uni<PersonData> export(PersonIdentities person) {
        Tuple numbers = Tuple.of(person.whatsapp().toArray(String[]::new));
        Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
        return pool.preparedQuery("select * from sent_message where recipient = any($1) order by created_at")
                .execute(numbers).invoke(rows -> tables.put("sent_message", PersonData.rows(rows.getDelegate())))
                .chain(() -> pool.preparedQuery("select * from message_status where provider_message_id in ("
                        + THEIR_MESSAGES + ") order by id").execute(numbers))
                .invoke(rows -> tables.put("message_status", PersonData.rows(rows.getDelegate())))
                .map(ignored -> new PersonData("channel-whatsapp", tables, Map.of()));
    }

    @Override
    public Uni<PersonData> erase(PersonIdentities person) {
        Tuple numbers = Tuple.of(person.whatsapp().toArray(String[]::new));
        Map<String, Integer> erased = new LinkedHashMap<>();
        return pool.withTransaction(connection -> connection.preparedQuery(
                "delete from message_status where provider_message_id in (" + THEIR_MESSAGES + ")").execute(numbers)
                .invoke(rows -> erased.put("message_status", rows.rowCount()))
                .chain(() -> connection.preparedQuery("update sent_message set recipient = '" + ERASED
                        + "', provider_message_id = null, template_variables = null, correlation_id = null, "
                        + "error_code = null where recipient = any($1)").execute(numbers))
                .invoke(rows -> erased.put("sent_message", rows.rowCount())))
                .map(ignored -> new PersonData("channel-whatsapp", Map.of(), erased));
    }

    @Override
    public Uni<Map<String, Integer>> purge(Duration period) {
        Tuple cutoff = Tuple.of(Instant.now().minus(period).atOffset(ZoneOffset.UTC));
        Map<String, Integer> deleted = new LinkedHashMap<>();
        return pool.withTransaction(connection -> connection.preparedQuery(
                "delete from message_status where received_at < $1").execute(cutoff)
                .invoke(rows -> deleted.put("message_status", rows.rowCount()))
                .chain(() -> connection.preparedQuery("delete from sent_message where created_at < $1").execute(cutoff))
                .invoke(rows -> deleted.put("sent_message", rows.rowCount())))
                .invoke(() -> {
                    if (deleted.values().stream().anyMatch(n -> n > 0)) {
                        Log.infof("retention: deleted %s", deleted);
                    }
                })
                .replaceWith(deleted);
    }
}
