package dev.bazaar.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * PostgreSQL's side of an append figure, from its cumulative statistics: transactions committed in a
 * contender's database and WAL flushes (fsyncs) of the whole server, per client commit. A backend
 * publishes its statistics at most once a second and an idle one within ten, so each reading first
 * waits for them to settle; the figures run one after the other, so the server's WAL flushes during
 * one belong to its contender.
 */
final class PostgresActivity implements AutoCloseable {

    private static final long SETTLE_MILLIS = 11_000;

    record Counts(long walFlushes, Map<String, Long> commitsByDatabase) {
    }

    record PerCommit(double transactionsPerCommit, double commitsPerWalFlush, long walFlushes, long transactions) {
    }

    private final Connection connection;

    PostgresActivity(String jdbcUrl, String username) throws SQLException {
        this.connection = DriverManager.getConnection(jdbcUrl, username, "");
    }

    Counts settledCounts() throws SQLException, InterruptedException {
        Thread.sleep(SETTLE_MILLIS);
        try (PreparedStatement clear = connection.prepareStatement("select pg_stat_clear_snapshot()")) {
            clear.execute();
        }
        Map<String, Long> commits = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("select datname, xact_commit from pg_stat_database where datname is not null");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                commits.put(rows.getString(1), rows.getLong(2));
            }
        }
        try (PreparedStatement select = connection.prepareStatement("select wal_sync from pg_stat_wal");
             ResultSet row = select.executeQuery()) {
            row.next();
            return new Counts(row.getLong(1), commits);
        }
    }

    /** What the server did for {@code database} between two readings, for {@code clientCommits} appends. */
    static PerCommit perCommit(Counts before, Counts after, String database, long clientCommits) {
        long flushes = after.walFlushes() - before.walFlushes();
        long transactions = after.commitsByDatabase().getOrDefault(database, 0L) - before.commitsByDatabase().getOrDefault(database, 0L);
        return new PerCommit(transactions / (double) clientCommits, clientCommits / (double) Math.max(1, flushes), flushes, transactions);
    }

    /**
     * Writes out what the appends before left dirty, so that a timed figure that follows does not
     * share the disk with a checkpoint those appends triggered (both contenders' fills add up to
     * gigabytes of WAL within a minute, much more than a steady load).
     */
    void checkpoint() throws SQLException {
        try (PreparedStatement checkpoint = connection.prepareStatement("checkpoint")) {
            checkpoint.execute();
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
