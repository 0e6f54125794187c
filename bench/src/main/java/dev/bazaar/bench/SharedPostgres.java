package dev.bazaar.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The one PostgreSQL both contenders use, a database each. Started like the project's embedded
 * PostgreSQL (synchronous commit), with {@code fsync} chosen by the run: zonky turns it off.
 */
final class SharedPostgres implements AutoCloseable {

    private final EmbeddedPostgres postgres;

    private SharedPostgres(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static SharedPostgres start(Path dataDir, boolean fsync) throws IOException {
        return new SharedPostgres(EmbeddedPostgres.builder()
                .setDataDirectory(dataDir.toFile())
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("fsync", fsync ? "on" : "off")
                .setServerConfig("max_connections", "200")
                .setPGStartupWait(Duration.ofSeconds(60))
                .start());
    }

    String createDatabaseIfMissing(String database) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement create = connection.createStatement()) {
            create.execute("create database " + database);
        }
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database;
    }

    String username() {
        return "postgres";
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
