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
     * Makes PostgreSQL plan each statement of the current transaction for its own parameters. The driver
     * prepares repeated statements on the server, and PostgreSQL then settles on a generic plan made while
     * the tables of a new generation were nearly empty: a sequential scan for {@code id = ANY(?)}, which
     * grows slower with every batch of a rebuild.
     */
    public static void planEachStatement(JdbcTemplate jdbc) {
        jdbc.execute("SET LOCAL plan_cache_mode = force_custom_plan");
    }

    /** One text array parameter, e.g. for {@code WHERE id = ANY(?)}. */
    public static Array textArray(PreparedStatement statement, List<String> values) throws SQLException {
        return statement.getConnection().createArrayOf("text", values.toArray(String[]::new));
    }
}
