package omnichannel.platform.sending;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The reservation every channel's send log makes, written once and parameterised by table: one
 * {@code INSERT … ON CONFLICT (event_id)} that creates the entry as {@code SENDING} or finds the one there, so two
 * deliveries of an event cannot both send it. The table has {@code event_id} (unique), {@code status},
 * {@code created_at}, {@code updated_at} and the channel's own columns.
 */
public final class SendLogTable {

    /** The status of an entry whose send is not settled yet. */
    public static final String SENDING = "SENDING";

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

    private final String reserve;
    private final int columns;

    /** {@code columns}: the channel's own columns, in the order {@link #reserve} takes their values. */
    public SendLogTable(String table, List<String> columns) {
        List<String> all = new ArrayList<>(List.of(table));
        all.addAll(columns);
        if (!all.stream().allMatch(name -> IDENTIFIER.matcher(name).matches())) {
            throw new IllegalArgumentException("not a table or column name: " + all);
        }
        this.columns = columns.size();
        String values = IntStream.rangeClosed(2, columns.size() + 1).mapToObj(i -> "$" + i)
                .collect(Collectors.joining(", "));
        String at = "$" + (columns.size() + 2);
        // xmax is 0 on a row this statement inserted, set on one it found (the conflict's no-op update)
        this.reserve = "insert into " + table + " (event_id, " + String.join(", ", columns)
                + ", status, created_at, updated_at) values ($1, " + values + ", '" + SENDING + "', " + at + ", " + at
                + ") on conflict (event_id) do update set updated_at = " + table + ".updated_at"
                + " returning status, created_at, xmax = 0 as inserted";
    }

    /** Reserves {@code eventId} at {@code now} with the values of the channel's columns. */
    public Uni<SendOnce.Reservation> reserve(Pool pool, UUID eventId, Instant now, Object... values) {
        if (values.length != columns) {
            throw new IllegalArgumentException("expected " + columns + " column values, got " + values.length);
        }
        Tuple tuple = Tuple.tuple().addValue(eventId);
        for (Object value : values) {
            tuple.addValue(value);
        }
        tuple.addValue(now.atOffset(ZoneOffset.UTC));
        return pool.preparedQuery(reserve).execute(tuple).map(rows -> {
            var row = rows.iterator().next();
            if (!SENDING.equals(row.getString("status"))) {
                return SendOnce.Reservation.settledAlready();
            }
            return row.getBoolean("inserted")
                    ? SendOnce.Reservation.fresh()
                    : SendOnce.Reservation.unsettledSince(row.getOffsetDateTime("created_at").toInstant());
        });
    }
}
