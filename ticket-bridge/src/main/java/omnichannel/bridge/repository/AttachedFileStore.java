package omnichannel.bridge.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The files attached to tickets, by our key: 4biz's documented {@code addAttachments} keys nothing of ours, so this is
 * what makes attaching a message's files again attach nothing twice. A crash between 4biz's answer and {@link #record}
 * can still attach one file twice; a lost file cannot happen.
 */
@ApplicationScoped
public class AttachedFileStore {

    private final Pool pool;

    public AttachedFileStore(Pool pool) {
        this.pool = pool;
    }

    public Uni<Boolean> attached(String originKey) {
        return pool.preparedQuery("select 1 from attached_file where origin_key = $1").execute(Tuple.of(originKey))
                .map(rows -> rows.iterator().hasNext());
    }

    public Uni<Void> record(String originKey, String ticketNumber) {
        return pool.preparedQuery("insert into attached_file (origin_key, ticket_number) values ($1, $2) "
                + "on conflict (origin_key) do nothing").execute(Tuple.of(originKey, ticketNumber)).replaceWithVoid();
    }
}
