package omnichannel.bridge.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import omnichannel.events.Channel;

/** Channel identities linked to 4biz requesters, and the audit of every change of a link. */
@ApplicationScoped
public class IdentityStore {

    /** How a link came to be. */
    public enum Source {
        /** Found in 4biz by the person's phone number. */
        LOOKUP,
        /** Linked by an admin. */
        ADMIN
    }

    /** A link as the admin API shows it. */
    public record Link(Channel channel, String identity, String requesterLogin, Source source, Instant linkedAt) {
    }

    /** One change of a link. */
    public record Change(Instant at, String actor, String action, Channel channel, String identity,
            String requesterLogin, String previousLogin) {
    }

    private final Pool pool;

    public IdentityStore(Pool pool) {
        this.pool = pool;
    }

    /** The requester linked to this identity, or null. */
    public Uni<String> requester(Channel channel, String identity) {
        return pool.preparedQuery("select requester_login from channel_identity where channel = $1 and identity = $2")
                .execute(Tuple.of(channel.name(), identity))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getString(0) : null);
    }

    /**
     * Links the identity to the requester (replacing any other link of it) and audits the change, in one
     * transaction; linking it again to the same requester changes and audits nothing.
     */
    public Uni<Link> link(Channel channel, String identity, String requesterLogin, Source source, String actor) {
        return pool.withTransaction(connection -> connection.preparedQuery("""
                select requester_login from channel_identity where channel = $1 and identity = $2 for update""")
                .execute(Tuple.of(channel.name(), identity))
                .chain(rows -> {
                    String previous = rows.iterator().hasNext() ? rows.iterator().next().getString(0) : null;
                    if (requesterLogin.equals(previous)) {
                        return connection.preparedQuery("select * from channel_identity where channel = $1 and identity = $2")
                                .execute(Tuple.of(channel.name(), identity)).map(found -> link(found.iterator().next()));
                    }
                    return connection.preparedQuery("""
                            insert into channel_identity (channel, identity, requester_login, source) values ($1, $2, $3, $4)
                            on conflict (channel, identity) do update
                                set requester_login = excluded.requester_login, source = excluded.source, linked_at = now()
                            returning *""")
                            .execute(Tuple.of(channel.name(), identity, requesterLogin, source.name()))
                            .map(saved -> link(saved.iterator().next()))
                            .call(() -> audit(connection, actor, "LINKED", channel, identity, requesterLogin, previous));
                }));
    }

    /** Removes the link and audits it; false when there was none. */
    public Uni<Boolean> unlink(Channel channel, String identity, String actor) {
        return pool.withTransaction(connection -> connection.preparedQuery(
                "delete from channel_identity where channel = $1 and identity = $2 returning requester_login")
                .execute(Tuple.of(channel.name(), identity))
                .chain(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Uni.createFrom().item(false);
                    }
                    String previous = rows.iterator().next().getString(0);
                    return audit(connection, actor, "UNLINKED", channel, identity, null, previous).replaceWith(true);
                }));
    }

    /** The links of one requester, or of one identity; at most 500. */
    public Uni<List<Link>> links(String requesterLogin, Channel channel, String identity) {
        return pool.preparedQuery("""
                select * from channel_identity
                where ($1::text is null or requester_login = $1) and ($2::text is null or channel = $2)
                  and ($3::text is null or identity = $3)
                order by linked_at desc limit 500""")
                .execute(Tuple.of(requesterLogin, channel == null ? null : channel.name(), identity))
                .map(rows -> {
                    List<Link> links = new ArrayList<>();
                    rows.forEach(row -> links.add(link(row)));
                    return links;
                });
    }

    /** The changes of one identity's link, oldest first. */
    public Uni<List<Change>> changes(Channel channel, String identity) {
        return pool.preparedQuery("""
                select * from channel_identity_audit where channel = $1 and identity = $2 order by id""")
                .execute(Tuple.of(channel.name(), identity))
                .map(rows -> {
                    List<Change> changes = new ArrayList<>();
                    rows.forEach(row -> changes.add(new Change(row.getOffsetDateTime("at").toInstant(),
                            row.getString("actor"), row.getString("action"), Channel.valueOf(row.getString("channel")),
                            row.getString("identity"), row.getString("requester_login"), row.getString("previous_login"))));
                    return changes;
                });
    }

    private static Uni<Void> audit(SqlConnection connection, String actor, String action,
            Channel channel, String identity, String login, String previous) {
        return connection.preparedQuery("""
                insert into channel_identity_audit (actor, action, channel, identity, requester_login, previous_login)
                values ($1, $2, $3, $4, $5, $6)""")
                .execute(Tuple.of(actor, action, channel.name(), identity, login, previous)).replaceWithVoid();
    }

    private static Link link(Row row) {
        return new Link(Channel.valueOf(row.getString("channel")), row.getString("identity"),
                row.getString("requester_login"), Source.valueOf(row.getString("source")),
                row.getOffsetDateTime("linked_at").toInstant());
    }
}
