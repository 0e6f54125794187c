package dev.bazaar.embedded.mongo;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The in-process MongoDB-protocol server a service runs when no {@code spring.data.mongodb.uri} is
 * configured. It is off unless the service turns it on, so that a service that merely has the Mongo
 * driver on its classpath never starts a database by surprise.
 *
 * @param enabled  whether the service wants the embedded server at all
 * @param dataFile the MVStore file the data is kept in across restarts; unset means memory only (tests)
 * @param port     the port to listen on; 0 picks a free one
 * @param syncInterval how often the data file is synced to the disk (unset: 100 ms, as MongoDB flushes
 *                 its journal); 0 syncs before each write is acknowledged
 */
@ConfigurationProperties("bazaar.embedded-mongo")
public record EmbeddedMongoProperties(boolean enabled, Path dataFile, int port, Duration syncInterval) {

    public EmbeddedMongoProperties {
        dataFile = dataFile == null || dataFile.toString().isBlank() ? null : dataFile;
        syncInterval = syncInterval == null ? EmbeddedMongoServer.DEFAULT_SYNC_INTERVAL : syncInterval;
    }
}
