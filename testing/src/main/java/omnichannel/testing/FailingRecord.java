package omnichannel.testing;

import java.util.UUID;

/**
 * A PostgreSQL fault for tests: the first update that settles one event's send record (status no longer
 * {@code SENDING}) fails with a serialization failure (SQLState 40001, transient); later ones pass. The attempts are
 * counted in a sequence, which is not transactional, so the count survives the failed update's rollback.
 */
public final class FailingRecord {

    private FailingRecord() {
    }

    /** Installs the fault on {@code table} (keyed by {@code event_id}, with a {@code status} column) for one event. */
    public static void failFirstSettle(String database, String table, UUID eventId) {
        SharedInfrastructure.postgres().query(database, connection -> {
            try (var statement = connection.createStatement()) {
                statement.execute("create table if not exists test_failing_settle (event_id uuid primary key)");
                statement.execute("create sequence if not exists test_settle_attempts");
                statement.execute("""
                        create or replace function test_fail_first_settle() returns trigger as $$
                        begin
                          if new.status <> 'SENDING'
                             and exists (select 1 from test_failing_settle where event_id = new.event_id)
                             and nextval('test_settle_attempts') = 1 then
                            raise exception 'recording failed once (test)' using errcode = '40001';
                          end if;
                          return new;
                        end $$ language plpgsql""");
                statement.execute("drop trigger if exists test_fail_first_settle on " + table);
                statement.execute("create trigger test_fail_first_settle before update on " + table
                        + " for each row execute function test_fail_first_settle()");
                statement.execute("insert into test_failing_settle values ('" + eventId + "')");
            }
            return null;
        });
    }

    /** How many settling updates of the faulted event were attempted. */
    public static long settleAttempts(String database) {
        return SharedInfrastructure.postgres().query(database, connection -> {
            try (var rs = connection.createStatement().executeQuery("select last_value from test_settle_attempts")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
