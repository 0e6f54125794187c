package dev.bazaar.embedded.postgres;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/**
 * Creates a service's own database when it is missing, so that a service pointed at a bare PostgreSQL
 * server starts as it does locally. Connects to the server's {@code postgres} maintenance database
 * with the service's own credentials; a service without the right to create databases must be given
 * an existing one.
 */
public final class PostgresDatabases {

    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    private PostgresDatabases() {
    }

    public static void createIfMissing(String jdbcUrl, String username, String password) {
        String database = databaseName(jdbcUrl);
        String maintenanceUrl = jdbcUrl.replaceFirst("/" + Pattern.quote(database) + "(?=[?;]|$)", "/postgres");
        try (Connection connection = DriverManager.getConnection(maintenanceUrl, username, password)) {
            createIfMissing(connection, database);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach PostgreSQL at " + maintenanceUrl + " to create database " + database, e);
        }
    }

    static void createIfMissing(Connection maintenance, String database) throws SQLException {
        if (!SAFE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("database name must be a plain identifier: " + database);
        }
        try (PreparedStatement exists = maintenance.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, database);
            if (exists.executeQuery().next()) {
                return;
            }
        }
        try (Statement create = maintenance.createStatement()) {
            create.execute("create database " + database);
        } catch (SQLException e) {
            // Another instance of the service created it first: that is what we wanted.
            if (!"42P04".equals(e.getSQLState())) {
                throw e;
            }
        }
    }

    static String databaseName(String jdbcUrl) {
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + jdbcUrl);
        }
        String path = URI.create(jdbcUrl.substring("jdbc:".length())).getPath();
        if (path == null || path.length() < 2) {
            throw new IllegalArgumentException("the JDBC URL names no database: " + jdbcUrl);
        }
        return path.substring(1);
    }
}
