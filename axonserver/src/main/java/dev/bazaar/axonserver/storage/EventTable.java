package dev.bazaar.axonserver.storage;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The SQL of the event store: the tables of {@code db/migration}, addressed by context id. Queries by
 * aggregate repeat {@code aggregate_id is not null} so that PostgreSQL matches them to the partial
 * aggregate index instead of scanning the table.
 */
final class EventTable {

    private static final String EVENT_COLUMNS =
            "global_index, aggregate_id, sequence_number, time_stamp, payload_type, payload_revision, data";

    private final DataSource dataSource;

    EventTable(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    Map<String, Integer> contexts() {
        Map<String, Integer> contexts = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("select name, id from event_context order by id");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                contexts.put(rows.getString(1), rows.getInt(2));
            }
            return contexts;
        } catch (SQLException e) {
            throw new EventStorageException("Cannot list the contexts", e);
        }
    }

    int createContext(String name) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "insert into event_context (name) values (?) on conflict (name) do update set name = excluded.name returning id")) {
            insert.setString(1, name);
            try (ResultSet row = insert.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        } catch (SQLException e) {
            throw new EventStorageException("Cannot create context " + name, e);
        }
    }

    /**
     * Inserts the rows with ONE statement (column arrays unnested into rows), so that all of them are
     * stored or none, in a single round trip to PostgreSQL.
     */
    void insert(int contextId, List<StoredEvent> rows) throws SQLException {
        int size = rows.size();
        Long[] tokens = new Long[size];
        String[] aggregateIds = new String[size];
        Long[] sequenceNumbers = new Long[size];
        Long[] timestamps = new Long[size];
        String[] payloadTypes = new String[size];
        String[] payloadRevisions = new String[size];
        byte[][] data = new byte[size][];
        for (int i = 0; i < size; i++) {
            StoredEvent event = rows.get(i);
            tokens[i] = event.token();
            aggregateIds[i] = event.aggregateId();
            sequenceNumbers[i] = event.belongsToAggregate() ? event.sequenceNumber() : null;
            timestamps[i] = event.timestamp();
            payloadTypes[i] = event.payloadType();
            payloadRevisions[i] = event.payloadRevision();
            data[i] = event.data();
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("insert into event (context_id, " + EVENT_COLUMNS + ")"
                     + " select ?, * from unnest(?::bigint[], ?::text[], ?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::bytea[])")) {
            insert.setInt(1, contextId);
            insert.setArray(2, connection.createArrayOf("bigint", tokens));
            insert.setArray(3, connection.createArrayOf("text", aggregateIds));
            insert.setArray(4, connection.createArrayOf("bigint", sequenceNumbers));
            insert.setArray(5, connection.createArrayOf("bigint", timestamps));
            insert.setArray(6, connection.createArrayOf("text", payloadTypes));
            insert.setArray(7, connection.createArrayOf("text", payloadRevisions));
            insert.setArray(8, connection.createArrayOf("bytea", data));
            insert.executeUpdate();
        }
    }

    static boolean isDuplicateKey(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    long headToken(int contextId) {
        return queryLong("select max(global_index) from event where context_id = ?", contextId, null);
    }

    long highestSequence(int contextId, String aggregateId) {
        return queryLong("select max(sequence_number) from event where context_id = ? and aggregate_id = ? and aggregate_id is not null", contextId, aggregateId);
    }

    /** The next sequence number of each aggregate that has events; aggregates without events are absent. */
    Map<String, Long> nextSequences(int contextId, Collection<String> aggregateIds) throws SQLException {
        Map<String, Long> next = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("select aggregate_id, max(sequence_number) from event"
                     + " where context_id = ? and aggregate_id = any (?) and aggregate_id is not null group by aggregate_id")) {
            Array ids = connection.createArrayOf("text", aggregateIds.toArray());
            select.setInt(1, contextId);
            select.setArray(2, ids);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    next.put(rows.getString(1), rows.getLong(2) + 1);
                }
            }
        }
        return next;
    }

    List<StoredEvent> range(int contextId, long fromToken, long toToken) {
        List<StoredEvent> events = new ArrayList<>((int) Math.min(toToken - fromToken + 1, 10_000));
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("select " + EVENT_COLUMNS
                     + " from event where context_id = ? and global_index between ? and ? order by global_index")) {
            select.setInt(1, contextId);
            select.setLong(2, fromToken);
            select.setLong(3, toToken);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    events.add(event(rows));
                }
            }
            return events;
        } catch (SQLException e) {
            throw new EventStorageException("Cannot read events " + fromToken + ".." + toToken, e);
        }
    }

    /** Streams an aggregate's events through a cursor, so a long stream is never held in memory. */
    void aggregateEvents(int contextId, String aggregateId, long fromSequence, long toSequence, Consumer<StoredEvent> sink) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement select = connection.prepareStatement("select " + EVENT_COLUMNS + " from event"
                    + " where context_id = ? and aggregate_id = ? and aggregate_id is not null and sequence_number between ? and ?"
                    + " order by sequence_number")) {
                select.setFetchSize(500);
                select.setInt(1, contextId);
                select.setString(2, aggregateId);
                select.setLong(3, fromSequence);
                select.setLong(4, toSequence);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        sink.accept(event(rows));
                    }
                }
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new EventStorageException("Cannot read the events of aggregate " + aggregateId, e);
        }
    }

    /** The timestamp of the event at a global index, or null when there is none. */
    Long timestampAt(int contextId, long token) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "select time_stamp from event where context_id = ? and global_index = ?")) {
            select.setInt(1, contextId);
            select.setLong(2, token);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getLong(1) : null;
            }
        } catch (SQLException e) {
            throw new EventStorageException("Cannot read the event at " + token, e);
        }
    }

    void storeSnapshot(int contextId, StoredEvent snapshot) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement upsert = connection.prepareStatement("insert into snapshot (context_id, aggregate_id, sequence_number, data)"
                     + " values (?, ?, ?, ?) on conflict (context_id, aggregate_id, sequence_number) do update set data = excluded.data")) {
            upsert.setInt(1, contextId);
            upsert.setString(2, snapshot.aggregateId());
            upsert.setLong(3, snapshot.sequenceNumber());
            upsert.setBytes(4, snapshot.data());
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw new EventStorageException("Cannot store the snapshot of aggregate " + snapshot.aggregateId(), e);
        }
    }

    /** Snapshots newest first. */
    List<byte[]> snapshots(int contextId, String aggregateId, long fromSequence, long toSequence, int maxResults) {
        List<byte[]> snapshots = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("select data from snapshot where context_id = ?"
                     + " and aggregate_id = ? and sequence_number between ? and ? order by sequence_number desc limit ?")) {
            select.setInt(1, contextId);
            select.setString(2, aggregateId);
            select.setLong(3, fromSequence);
            select.setLong(4, toSequence);
            select.setInt(5, maxResults);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    snapshots.add(rows.getBytes(1));
                }
            }
            return snapshots;
        } catch (SQLException e) {
            throw new EventStorageException("Cannot read the snapshots of aggregate " + aggregateId, e);
        }
    }

    private long queryLong(String sql, int contextId, String argument) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            select.setInt(1, contextId);
            if (argument != null) {
                select.setString(2, argument);
            }
            try (ResultSet row = select.executeQuery()) {
                row.next();
                long value = row.getLong(1);
                return row.wasNull() ? -1 : value;
            }
        } catch (SQLException e) {
            throw new EventStorageException("Cannot query the event store", e);
        }
    }

    private static StoredEvent event(ResultSet row) throws SQLException {
        return new StoredEvent(row.getLong(1), row.getString(2), row.getLong(3), row.getLong(4),
                row.getString(5), row.getString(6), row.getBytes(7));
    }
}
