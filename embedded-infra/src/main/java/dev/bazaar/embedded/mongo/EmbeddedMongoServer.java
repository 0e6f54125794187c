package dev.bazaar.embedded.mongo;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MongoDB-protocol server (mongo-java-server) inside this JVM, reached over a real socket by the
 * ordinary MongoDB driver. With a data file its collections live in an MVStore file (H2's storage
 * engine) as BSON and survive a restart: each write is in the file before it is acknowledged, so it
 * survives a kill of the process, and the file is synced to the disk at an interval (100 ms unless told
 * otherwise, as MongoDB flushes its journal), so a power loss loses at most the writes of the last
 * interval ({@link DurableMvStoreBackend}). Without a data file they live in memory.
 *
 * <p>It announces itself as MongoDB 5.0 (pinned, not left to the library's default) because the 5.x
 * Java driver refuses servers older than 4.2. It has no transactions, no replica set and no
 * {@code hello} command, so nothing that needs them (multi-document transactions, change streams,
 * Spring Boot's stock Mongo health check) may be used against it.
 */
public final class EmbeddedMongoServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongoServer.class);

    /** How often the data file is synced to the disk unless told otherwise: MongoDB's journal commit interval. */
    public static final Duration DEFAULT_SYNC_INTERVAL = Duration.ofMillis(100);

    private final MongoServer server;
    private final int port;

    private EmbeddedMongoServer(MongoServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts a server on {@code localhost:port} (0 for a free port), keeping its data in {@code dataFile} when not null. */
    public static EmbeddedMongoServer start(Path dataFile, int port) {
        return start(dataFile, port, DEFAULT_SYNC_INTERVAL);
    }

    /**
     * Starts a server as {@link #start(Path, int)} does, syncing the data file to the disk every
     * {@code syncInterval}, or, when it is zero, before each write is acknowledged.
     */
    public static EmbeddedMongoServer start(Path dataFile, int port, Duration syncInterval) {
        if (syncInterval.isNegative()) {
            throw new IllegalArgumentException("The sync interval cannot be negative: " + syncInterval);
        }
        MongoServer server = new MongoServer(backend(dataFile, syncInterval).version(ServerVersion.MONGO_5_0));
        server.bind("localhost", port);
        int boundPort = server.getLocalAddress().getPort();
        log.info("Embedded MongoDB-protocol server listens on port {} with its data in {}", boundPort, dataFile == null ? "memory" : dataFile);
        return new EmbeddedMongoServer(server, boundPort);
    }

    private static MongoBackend backend(Path dataFile, Duration syncInterval) {
        if (dataFile == null) {
            return new MemoryBackend();
        }
        try {
            Path parent = dataFile.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the directory of " + dataFile, e);
        }
        return DurableMvStoreBackend.open(dataFile, syncInterval);
    }

    public int port() {
        return port;
    }

    /** A connection string for {@code database} on this server. */
    public String connectionString(String database) {
        return "mongodb://localhost:" + port + "/" + database;
    }

    /** Closes client connections and, with a data file, writes and closes it. */
    @Override
    public void close() {
        server.shutdown();
    }
}
