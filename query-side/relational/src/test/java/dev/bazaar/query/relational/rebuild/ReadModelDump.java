package dev.bazaar.query.relational.rebuild;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The live generation of both read models as text, in a canonical order: every row of every table sorted
 * by its key, every column but none that depends on the generation (the tables have no such column; the
 * schema name is left out). Two dumps are equal when the read models hold the same data.
 */
final class ReadModelDump {

    private ReadModelDump() {
    }

    static String of(JdbcTemplate jdbc) {
        String customers = live(jdbc, "customers");
        String orders = live(jdbc, "orders");
        StringBuilder dump = new StringBuilder();
        table(jdbc, dump, "SELECT * FROM " + customers + ".customer ORDER BY customer_id");
        table(jdbc, dump, "SELECT * FROM " + orders + ".customer_order ORDER BY order_id");
        table(jdbc, dump, "SELECT * FROM " + orders + ".order_line ORDER BY order_id, line_no");
        table(jdbc, dump, "SELECT * FROM " + orders + ".order_status_change ORDER BY order_id, step");
        return dump.toString();
    }

    static long count(JdbcTemplate jdbc, String readModel, String table, String where) {
        return jdbc.queryForObject("SELECT count(*) FROM " + live(jdbc, readModel) + "." + table + " WHERE " + where, Long.class);
    }

    static int liveGeneration(JdbcTemplate jdbc, String readModel) {
        return jdbc.queryForObject("SELECT live FROM read_model_generation WHERE read_model = ?", Integer.class, readModel);
    }

    private static String live(JdbcTemplate jdbc, String readModel) {
        return readModel + "_g" + liveGeneration(jdbc, readModel);
    }

    private static void table(JdbcTemplate jdbc, StringBuilder dump, String select) {
        dump.append(select.replaceAll("\\w+_g\\d+\\.", "")).append('\n');
        List<Map<String, Object>> rows = jdbc.queryForList(select);
        rows.forEach(row -> dump.append(row.values()).append('\n'));
    }
}
