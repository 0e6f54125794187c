package dev.bazaar.embedded.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresServerTest {

    @TempDir
    Path dataDir;

    @Test
    void keepsItsDataAcrossRestartsAndCreatesDatabasesOnce() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, 0)) {
            String url = server.createDatabaseIfMissing("orders_db");
            assertThat(server.createDatabaseIfMissing("orders_db")).isEqualTo(url);
            try (Connection c = DriverManager.getConnection(url, server.username(), null); Statement s = c.createStatement()) {
                s.execute("create table kept(x int)");
                s.execute("insert into kept values (42)");
            }
        }
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir, 0);
             Connection c = DriverManager.getConnection(server.jdbcUrl("orders_db"), server.username(), null);
             Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("select x from kept")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(42);
        }
    }

    @Test
    void commitsAreSynchronous() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(null, 0);
             Connection c = DriverManager.getConnection(server.jdbcUrl("postgres"), server.username(), null);
             Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("show synchronous_commit")) {
            rows.next();
            assertThat(rows.getString(1)).isEqualTo("on");
        }
    }

    @Test
    void createsTheDatabaseNamedByAConfiguredUrl() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(null, 0)) {
            String url = server.jdbcUrl("fresh_one") + "?ApplicationName=test";
            PostgresDatabases.createIfMissing(url, server.username(), null);
            try (Connection c = DriverManager.getConnection(url, server.username(), null)) {
                assertThat(c.getCatalog()).isEqualTo("fresh_one");
            }
        }
    }

    @Test
    void refusesDatabaseNamesThatAreNotPlainIdentifiers() {
        assertThatThrownBy(() -> PostgresDatabases.databaseName("jdbc:mysql://x/y")).isInstanceOf(IllegalArgumentException.class);
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(null, 0)) {
            assertThatThrownBy(() -> server.createDatabaseIfMissing("x; drop")).isInstanceOf(IllegalArgumentException.class);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
