package omnichannel.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import omnichannel.infra.PostgresEndpoint;

/**
 * Points a Quarkus test at the shared real PostgreSQL server, reactive and JDBC (Flyway) datasources alike. The
 * database is the service's: init arg {@code database}, e.g. {@code config}.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private String database = "postgres";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        PostgresEndpoint postgres = SharedInfrastructure.postgres();
        return Map.of(
                "quarkus.datasource.reactive.url", postgres.reactiveUrl(database),
                "quarkus.datasource.jdbc.url", postgres.jdbcUrl(database),
                "quarkus.datasource.username", PostgresEndpoint.USER,
                "quarkus.datasource.password", PostgresEndpoint.PASSWORD);
    }

    @Override
    public void stop() {
        // shared by the JVM's test classes; stopped at JVM exit
    }
}
