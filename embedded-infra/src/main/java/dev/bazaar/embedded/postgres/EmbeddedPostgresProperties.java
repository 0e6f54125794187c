package dev.bazaar.embedded.postgres;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the embedded PostgreSQL keeps its data when no {@code spring.datasource.url} is configured.
 *
 * @param dataDir  the data directory, kept across restarts; unset means a fresh temporary one (tests)
 * @param port     the port to listen on; 0 picks a free one
 * @param database the database of this service, created when missing
 */
@ConfigurationProperties("bazaar.embedded-postgres")
public record EmbeddedPostgresProperties(Path dataDir, int port, String database) {

    public EmbeddedPostgresProperties {
        dataDir = dataDir == null || dataDir.toString().isBlank() ? null : dataDir;
        database = database == null || database.isBlank() ? "bazaar" : database;
    }
}
