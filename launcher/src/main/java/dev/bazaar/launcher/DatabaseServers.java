package dev.bazaar.launcher;

import dev.bazaar.embedded.mongo.EmbeddedMongoServer;
import dev.bazaar.embedded.postgres.EmbeddedPostgresServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded database servers, each run by the launcher as a process of its own so that a service
 * and its database fail apart, as they do on real infrastructure.
 */
final class DatabaseServers {

    private static final Logger log = LoggerFactory.getLogger(DatabaseServers.class);

    private DatabaseServers() {
    }

    static void postgres(int port, Path dataDir) throws InterruptedException {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, port);
        log.info("PostgreSQL listens on port {} with its data in {}", server.port(), dataDir);
        runUntilStopped(() -> {
            try {
                server.close();
            } catch (IOException e) {
                log.warn("PostgreSQL did not stop cleanly", e);
            }
        });
    }

    /** With no data file the data lives in memory only. */
    static void mongo(int port, Path dataFile) throws InterruptedException {
        EmbeddedMongoServer server = EmbeddedMongoServer.start(dataFile, port);
        log.info("MongoDB-protocol server listens on port {} with its data in {}", server.port(), dataFile == null ? "memory" : dataFile);
        runUntilStopped(server::close);
    }

    private static void runUntilStopped(Runnable stop) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.run();
            stopped.countDown();
        }, "database-stop"));
        stopped.await();
    }
}
