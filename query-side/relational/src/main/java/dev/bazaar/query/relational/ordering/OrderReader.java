package dev.bazaar.query.relational.ordering;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads orders with their lines and history from one generation's tables: an order's own row, then
 * its lines and its history, each a select for any number of orders.
 */
@Component
class OrderReader {

    /** The columns of an order's own row that {@link #head} reads, for a select of the caller's making. */
    static final String HEAD_COLUMNS = "order_id, customer_id, status, total_minor, total_currency, reason, placed_at, version";

    private final JdbcTemplate jdbc;

    OrderReader(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The orders with these ids, in the order given; unknown ids are left out. */
    List<OrderView> byIds(String schema, List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, Head> heads = new HashMap<>();
        jdbc.query("SELECT " + HEAD_COLUMNS + " FROM " + schema + ".customer_order WHERE order_id = ANY(?)",
                statement -> statement.setArray(1, Columns.textArray(statement, ids)),
                (ResultSet row) -> {
                    Head head = head(row);
                    heads.put(head.orderId(), head);
                });
        return withLinesAndHistory(schema, ids.stream().map(heads::get).filter(Objects::nonNull).toList());
    }

    /** Orders whose own rows the caller has read (with {@link #HEAD_COLUMNS}), completed in the same order. */
    List<OrderView> withLinesAndHistory(String schema, List<Head> heads) {
        if (heads.isEmpty()) {
            return List.of();
        }
        List<String> ids = heads.stream().map(Head::orderId).toList();
        Map<String, List<OrderLineView>> lines = new HashMap<>();
        jdbc.query("SELECT order_id, product_id, quantity, unit_price_minor, unit_price_currency FROM " + schema
                        + ".order_line WHERE order_id = ANY(?) ORDER BY order_id, line_no",
                statement -> statement.setArray(1, Columns.textArray(statement, ids)),
                (ResultSet row) -> {
                    lines.computeIfAbsent(row.getString("order_id"), id -> new ArrayList<>()).add(new OrderLineView(
                            ProductId.of(row.getString("product_id")), row.getInt("quantity"),
                            money((Long) row.getObject("unit_price_minor"), row.getString("unit_price_currency"))));
                });
        Map<String, List<OrderStatusChange>> history = new HashMap<>();
        jdbc.query("SELECT order_id, status, changed_at, reason FROM " + schema
                        + ".order_status_change WHERE order_id = ANY(?) ORDER BY order_id, step",
                statement -> statement.setArray(1, Columns.textArray(statement, ids)),
                (ResultSet row) -> {
                    history.computeIfAbsent(row.getString("order_id"), id -> new ArrayList<>()).add(new OrderStatusChange(
                            OrderStatus.valueOf(row.getString("status")), row.getTimestamp("changed_at").toInstant(),
                            row.getString("reason")));
                });
        return heads.stream().map(head -> head.view(lines.getOrDefault(head.orderId(), List.of()),
                history.getOrDefault(head.orderId(), List.of()))).toList();
    }

    /** An order's own row, read with {@link #HEAD_COLUMNS}. */
    static Head head(ResultSet row) throws SQLException {
        return new Head(row.getString("order_id"), row.getString("customer_id"), OrderStatus.valueOf(row.getString("status")),
                money((Long) row.getObject("total_minor"), row.getString("total_currency")), row.getString("reason"),
                row.getTimestamp("placed_at").toInstant(), row.getLong("version"));
    }

    record Head(String orderId, String customerId, OrderStatus status, Money total, String reason, Instant placedAt, long version) {

        OrderView view(List<OrderLineView> lines, List<OrderStatusChange> history) {
            return new OrderView(OrderId.of(orderId), CustomerId.of(customerId), status, lines, total, reason, placedAt, history, version);
        }
    }

    private static Money money(Long minor, String currency) {
        return minor == null ? null : Money.of(minor, currency);
    }
}
