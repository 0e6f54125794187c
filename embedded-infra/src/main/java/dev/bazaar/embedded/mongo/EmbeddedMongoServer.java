package dev.bazaar.embedded.mongo;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MongoDB-protocol server (mongo-java-server) inside this JVM, reached over a real socket by the
 * ordinary MongoDB driver. With a data file its collections live in an MVStore file (H2's storage
 * engine) as BSON and survive a restart, each write written to the file before it is acknowledged
 * ({@link DurableMvStoreBackend}); without one they live in memory.
 *
 * <p>It announces itself as MongoDB 5.0 (pinned, not left to the library's default) because the 5.x
 * Java driver refuses servers older than 4.2. It has no transactions, no replica set and no
 * {@code hello} command, so nothing that needs them (multi-document transactions, change streams,
 * Spring Boot's stock Mongo health check) may be used against it.
 */
public final class EmbeddedMongoServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongoServer.class);

    private final MongoServer server;
    private final int port;

    private EmbeddedMongoServer(MongoServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts a server on {@code localhost:port} (0 for a free port), keeping its data in {@code dataFile} when not null. */
    public static EmbeddedMongoServer start(Path dataFile, int port) {
        MongoServer server = new MongoServer(backend(dataFile).version(ServerVersion.MONGO_5_0));
        server.bind("localhost", port);
        int boundPort = server.getLocalAddress().getPort();
        log.info("Embedded MongoDB-protocol server listens on port {} with its data in {}", boundPort, dataFile == null ? "memory" : dataFile);
        return new EmbeddedMongoServer(server, boundPort);
    }

    private static MongoBackend backend(Path dataFile) {
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
        return DurableMvStoreBackend.open(dataFile);
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
