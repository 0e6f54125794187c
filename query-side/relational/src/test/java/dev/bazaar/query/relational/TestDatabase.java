package dev.bazaar.query.relational;

import dev.bazaar.embedded.postgres.EmbeddedPostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The PostgreSQL of {@link ServiceAgainstNode}'s service, started by the test rather than by the service
 * (which is pointed at it with {@code spring.datasource.url}), so that a test can stop it and start it
 * again on the same data directory and port while the service runs: the database going away and coming
 * back, as the service sees it.
 */
public final class TestDatabase {

    private static Path dataDir;
    private static int port;
    private static EmbeddedPostgresServer server;

    private TestDatabase() {
    }

    static synchronized String jdbcUrl() {
        if (dataDir == null) {
            try {
                dataDir = Files.createTempDirectory("relational-postgres-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server = EmbeddedPostgresServer.start(dataDir, 0);
            port = server.port();
            server.createDatabaseIfMissing("relational");
            Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::stop));
        }
        return "jdbc:postgresql://localhost:" + port + "/relational";
    }

    static String username() {
        return "postgres";
    }

    /** Stops the server; the service's connections fail from now on. */
    public static synchronized void stop() {
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server = null;
        }
    }

    /** Starts the server again on the same data directory and port. */
    public static synchronized void start() {
        if (server == null) {
            server = EmbeddedPostgresServer.start(dataDir, port);
        }
    }
}
