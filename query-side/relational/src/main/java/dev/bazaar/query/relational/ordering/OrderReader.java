package dev.bazaar.query.relational.ordering;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bazaar.api.catalog.ProductId;
import dev.bazaar.api.common.Money;
import dev.bazaar.api.customer.CustomerId;
import dev.bazaar.api.ordering.OrderId;
import dev.bazaar.api.ordering.OrderLineView;
import dev.bazaar.api.ordering.OrderStatus;
import dev.bazaar.api.ordering.OrderStatusChange;
import dev.bazaar.api.ordering.OrderView;
import dev.bazaar.query.relational.batch.Columns;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads whole orders, with their lines and history, from one generation's tables, in ONE select: each
 * order's lines and status changes come along as JSON arrays aggregated in PostgreSQL. One statement is
 * one snapshot, so an order is always one committed state without a transaction around the reads, and
 * a page of orders is one round trip to the database instead of three.
 */
@Component
class OrderReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc;

    OrderReader(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The select list of a whole order, for a select of the caller's making whose order rows are
     * {@code o} (with at least the columns of {@code customer_order}); {@link #view} reads a row of it.
     */
    static String wholeOrder(String schema) {
        return "o.order_id, o.customer_id, o.status, o.total_minor, o.total_currency, o.reason, o.placed_at, o.version, "
                + "(SELECT json_agg(json_build_array(l.product_id, l.quantity, l.unit_price_minor, l.unit_price_currency) ORDER BY l.line_no)"
                + " FROM " + schema + ".order_line l WHERE l.order_id = o.order_id) AS lines, "
                + "(SELECT json_agg(json_build_array(h.status, h.changed_at, h.reason) ORDER BY h.step)"
                + " FROM " + schema + ".order_status_change h WHERE h.order_id = o.order_id) AS history";
    }

    /** The orders with these ids, in the order given; unknown ids are left out. */
    List<OrderView> byIds(String schema, List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, OrderView> found = new HashMap<>();
        jdbc.query("SELECT " + wholeOrder(schema) + " FROM " + schema + ".customer_order o WHERE o.order_id = ANY(?)",
                statement -> statement.setArray(1, Columns.textArray(statement, ids)),
                (ResultSet row) -> {
                    OrderView order = view(row);
                    found.put(order.orderId().value(), order);
                });
        return ids.stream().map(found::get).filter(Objects::nonNull).toList();
    }

    /** An order from a row selected with {@link #wholeOrder}. */
    static OrderView view(ResultSet row) throws SQLException {
        return new OrderView(OrderId.of(row.getString("order_id")), CustomerId.of(row.getString("customer_id")),
                OrderStatus.valueOf(row.getString("status")), lines(row.getString("lines")),
                money((Long) row.getObject("total_minor"), row.getString("total_currency")), row.getString("reason"),
                row.getTimestamp("placed_at").toInstant(), history(row.getString("history")), row.getLong("version"));
    }

    private static List<OrderLineView> lines(String json) {
        List<OrderLineView> lines = new ArrayList<>();
        for (JsonNode line : parse(json)) {
            lines.add(new OrderLineView(ProductId.of(line.get(0).textValue()), line.get(1).intValue(),
                    line.get(2).isNull() ? null : Money.of(line.get(2).longValue(), line.get(3).textValue())));
        }
        return lines;
    }

    private static List<OrderStatusChange> history(String json) {
        List<OrderStatusChange> history = new ArrayList<>();
        for (JsonNode change : parse(json)) {
            history.add(new OrderStatusChange(OrderStatus.valueOf(change.get(0).textValue()),
                    OffsetDateTime.parse(change.get(1).textValue()).toInstant(), change.get(2).textValue()));
        }
        return history;
    }

    /** An aggregate over no rows is SQL NULL: an order without lines or history yet. */
    private static JsonNode parse(String json) {
        if (json == null) {
            return JSON.createArrayNode();
        }
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("PostgreSQL aggregated an order's rows into JSON that does not parse", e);
        }
    }

    private static Money money(Long minor, String currency) {
        return minor == null ? null : Money.of(minor, currency);
    }
}
