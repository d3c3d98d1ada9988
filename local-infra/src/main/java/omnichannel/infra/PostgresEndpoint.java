package omnichannel.infra;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A PostgreSQL server the tests use, wherever it runs: from the zonky binaries ({@link PostgresServer}) or in a
 * container. Each service gets its own database, as in production.
 */
public interface PostgresEndpoint extends AutoCloseable {

    /** One database per service that owns state (architecture.md). */
    List<String> SERVICE_DATABASES = List.of("config", "bridge", "whatsapp", "twitter");
    String USER = "postgres";
    String PASSWORD = "postgres";

    int port();

    default String reactiveUrl(String database) {
        return "postgresql://127.0.0.1:" + port() + "/" + database;
    }

    default String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** Runs statements as the superuser, for tests that inspect or prepare a database. */
    default <T> T query(String database, SqlWork<T> work) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(database), USER, PASSWORD)) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Every row of every table of the database as text, one line per row ({@code table: (v1,v2,…)}), Flyway's history
     * aside: what an erasure test searches for a trace of the person.
     */
    default String dump(String database) {
        return query(database, connection -> {
            StringBuilder dump = new StringBuilder();
            List<String> tables = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery("select table_name from information_schema.tables "
                            + "where table_schema = 'public' and table_type = 'BASE TABLE' "
                            + "and table_name <> 'flyway_schema_history' order by table_name")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (Statement statement = connection.createStatement();
                        ResultSet rs = statement.executeQuery("select t::text from \"" + table + "\" t")) {
                    while (rs.next()) {
                        dump.append(table).append(": ").append(rs.getString(1)).append('\n');
                    }
                }
            }
            return dump.toString();
        });
    }

    /** Creates the service databases that do not exist yet. */
    default void createServiceDatabases() {
        query("postgres", connection -> {
            try (Statement statement = connection.createStatement()) {
                for (String name : SERVICE_DATABASES) {
                    try (ResultSet rs = statement.executeQuery("select 1 from pg_database where datname = '" + name + "'")) {
                        if (rs.next()) {
                            continue;
                        }
                    }
                    statement.execute("create database " + name);
                }
            }
            return null;
        });
    }

    /** Work on a JDBC connection. */
    @FunctionalInterface
    interface SqlWork<T> {

        T run(Connection connection) throws SQLException;
    }

    @Override
    void close();
}
