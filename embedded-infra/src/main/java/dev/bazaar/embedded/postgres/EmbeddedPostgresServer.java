package dev.bazaar.embedded.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real PostgreSQL binaries (from Maven Central, through zonky) run as a child process with a data
 * directory of our choosing.
 *
 * <p>Three things differ from zonky's test defaults, because the local system keeps data that callers
 * were told is stored: commits are synchronous (zonky turns {@code synchronous_commit} off), a data
 * directory that is kept is also flushed to disk ({@code fsync} on; a temporary one keeps zonky's
 * {@code fsync=off}, as nothing in it outlives the process anyway), and a
 * server left running by a JVM that was killed with SIGKILL is stopped before a new one starts on
 * the same directory, instead of failing on its lock file.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts a server on {@code dataDir} (created when missing; a temporary one when null). */
    public static EmbeddedPostgresServer start(Path dataDir, int port) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("max_connections", "200")
                    .setPGStartupWait(Duration.ofSeconds(60));
            if (dataDir != null) {
                Files.createDirectories(dataDir);
                stopOrphanedServer(dataDir);
                builder.setDataDirectory(dataDir.toFile()).setCleanDataDirectory(false).setServerConfig("fsync", "on");
            }
            return new EmbeddedPostgresServer(builder.start());
        } catch (IOException e) {
            throw new IllegalStateException("Embedded PostgreSQL did not start" + (dataDir == null ? "" : " on " + dataDir), e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    public String username() {
        return "postgres";
    }

    /** Creates {@code database} when it does not exist yet and answers its JDBC URL. */
    public String createDatabaseIfMissing(String database) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            PostgresDatabases.createIfMissing(connection, database);
            return jdbcUrl(database);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + database, e);
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }

    private static void stopOrphanedServer(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<ProcessHandle> orphan = Files.readAllLines(pidFile).stream().findFirst()
                .map(String::strip).filter(s -> s.matches("\\d+"))
                .flatMap(pid -> ProcessHandle.of(Long.parseLong(pid)))
                .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false));
        if (orphan.isEmpty()) {
            return;
        }
        log.warn("Stopping PostgreSQL (pid {}) left running on {} by a previous process", orphan.get().pid(), dataDir);
        orphan.get().destroy();
        try {
            orphan.get().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("PostgreSQL left running on " + dataDir + " did not stop", e);
        }
    }
}
