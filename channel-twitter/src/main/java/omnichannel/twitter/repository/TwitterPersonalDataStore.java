package omnichannel.twitter.repository;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
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
 * What channel-twitter holds about people: the DMs sent to their X user id (recipient, X's DM event id, the file's
 * media id). An erasure anonymises those records (the event id and status stay, so a redelivered event is still not
 * sent again); the retention purge deletes them once they are older than the period.
 */
@ApplicationScoped
public class TwitterPersonalDataStore implements PersonalDataStore {

    private final Pool pool;

    public TwitterPersonalDataStore(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Uni<PersonData> export(PersonIdentities person) {
        return pool.preparedQuery("select * from sent_dm where recipient = any($1) order by created_at")
                .execute(Tuple.of(person.twitter().toArray(String[]::new)))
                .map(rows -> new PersonData("channel-twitter", Map.of("sent_dm", PersonData.rows(rows.getDelegate())),
                        Map.of()));
    }

    @Override
    public Uni<PersonData> erase(PersonIdentities person) {
        return pool.preparedQuery("update sent_dm set recipient = 'erased', dm_event_id = null, error = null, "
                + "media_id = null where recipient = any($1)").execute(Tuple.of(person.twitter().toArray(String[]::new)))
                .map(rows -> new PersonData("channel-twitter", Map.of(), Map.of("sent_dm", rows.rowCount())));
    }

    @Override
    public Uni<Map<String, Integer>> purge(Duration period) {
        return pool.preparedQuery("delete from sent_dm where created_at < $1")
                .execute(Tuple.of(Instant.now().minus(period).atOffset(ZoneOffset.UTC)))
                .map(rows -> {
                    Map<String, Integer> deleted = new LinkedHashMap<>(Map.of("sent_dm", rows.rowCount()));
                    if (rows.rowCount() > 0) {
                        Log.infof("retention: deleted %s", deleted);
                    }
                    return deleted;
                });
    }

}
