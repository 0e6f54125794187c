package dev.bazaar.query.relational.batch;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Many rows in one statement: each column travels as one PostgreSQL text array and the statement reads
 * them back as rows with {@code unnest(?::text[], ...)}, casting each column to its type. One round trip
 * per table per batch, whatever the number of rows.
 */
public final class Columns {

    private final List<List<String>> columns = new ArrayList<>();
    private int rows;

    public Columns(int count) {
        for (int i = 0; i < count; i++) {
            columns.add(new ArrayList<>());
        }
    }

    /** Adds a row; values are given as text (or null) in column order. */
    public void add(Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException(values.length + " values for " + columns.size() + " columns");
        }
        for (int i = 0; i < values.length; i++) {
            columns.get(i).add(values[i] == null ? null : values[i].toString());
        }
        rows++;
    }

    public boolean isEmpty() {
        return rows == 0;
    }

    /** Runs {@code sql}, whose parameters are the columns in order, once for all rows added. */
    public void write(JdbcTemplate jdbc, String sql) {
        if (isEmpty()) {
            return;
        }
        jdbc.update(sql, (PreparedStatement statement) -> {
            for (int i = 0; i < columns.size(); i++) {
                statement.setArray(i + 1, textArray(statement, columns.get(i)));
            }
        });
    }

    /**
     * Sets up the transaction of a projection's batch, in one round trip:
     * <ul>
     * <li>PostgreSQL plans each statement for its own parameters. The driver prepares repeated statements
     * on the server, and PostgreSQL then settles on a generic plan made while the tables of a new
     * generation were nearly empty: a sequential scan for {@code id = ANY(?)}, which grows slower with
     * every batch of a rebuild.</li>
     * <li>The commit does not wait for the disk ({@code synchronous_commit = off}). A crash of PostgreSQL
     * can then lose the last batches committed (well under a second's worth), but always their rows
     * together with the token that covers them: the processor replays those events from the token it
     * finds, and the projections skip what they already applied, so the read model ends the same.</li>
     * </ul>
     */
    public static void prepareBatchTransaction(JdbcTemplate jdbc) {
        jdbc.execute("SET LOCAL plan_cache_mode = force_custom_plan; SET LOCAL synchronous_commit = off");
    }

    /** One text array parameter, e.g. for {@code WHERE id = ANY(?)}. */
    public static Array textArray(PreparedStatement statement, List<String> values) throws SQLException {
        return statement.getConnection().createArrayOf("text", values.toArray(String[]::new));
    }
}
