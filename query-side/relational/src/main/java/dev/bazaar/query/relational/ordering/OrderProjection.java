package dev.bazaar.query.relational.ordering;

import dev.bazaar.api.ordering.FindOrder;
import dev.bazaar.api.ordering.OrderCancelled;
import dev.bazaar.api.ordering.OrderConfirmed;
import dev.bazaar.api.ordering.OrderDelivered;
import dev.bazaar.api.ordering.OrderLineView;
import dev.bazaar.api.ordering.OrderPlaced;
import dev.bazaar.api.ordering.OrderRejected;
import dev.bazaar.api.ordering.OrderShipped;
import dev.bazaar.api.ordering.OrderStatus;
import dev.bazaar.api.ordering.OrderView;
import dev.bazaar.query.relational.batch.BatchOfUnitOfWork;
import dev.bazaar.query.relational.batch.Columns;
import dev.bazaar.query.relational.freshness.AppliedVersions;
import dev.bazaar.query.relational.generation.Generations;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.SourceId;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Orders as rows with their lines and status history, written a batch at a time like the customers
 * (see {@code CustomerProjection}): the touched orders are read in one select, the events applied in
 * order, and each table written in one statement. Each row remembers the last event of its order it
 * applied, so an event delivered again or out of date is skipped. While the live generation is written,
 * every changed order someone subscribed to is also sent to the subscribers of {@link FindOrder} (after
 * the transaction commits).
 */
@Component
@ProcessingGroup(OrderProjection.PROCESSING_GROUP)
class OrderProjection {

    static final String PROCESSING_GROUP = "orders";

    private final JdbcTemplate jdbc;
    private final Generations generations;
    private final OrderReader reader;
    private final AppliedVersions versions;
    private final QueryUpdateEmitter updates;

    OrderProjection(JdbcTemplate jdbc, Generations generations, OrderReader reader, AppliedVersions versions,
                    QueryUpdateEmitter updates) {
        this.jdbc = jdbc;
        this.generations = generations;
        this.reader = reader;
        this.versions = versions;
        this.updates = updates;
    }

    @EventHandler
    void on(OrderPlaced event, @SequenceNumber long version, @Timestamp Instant at) {
        List<OrderLineView> lines = event.lines().stream().map(line -> new OrderLineView(line.productId(), line.quantity(), null)).toList();
        batch().add(event.orderId().value(),
                rows -> rows.place(event.orderId().value(), event.customerId().value(), lines, at, version));
    }

    @EventHandler
    void on(OrderConfirmed event, @SequenceNumber long version, @Timestamp Instant at) {
        List<OrderLineView> lines = event.lines().stream()
                .map(line -> new OrderLineView(line.productId(), line.quantity(), line.unitPrice())).toList();
        change(event.orderId().value(), version, order -> order.confirmed(lines, event.total(), at));
    }

    @EventHandler
    void on(OrderRejected event, @SequenceNumber long version, @Timestamp Instant at) {
        change(event.orderId().value(), version, order -> order.moveTo(OrderStatus.REJECTED, at, event.reason()));
    }

    /**
     * Shipped and delivered carry nothing but the order's id, which is also the id of the aggregate that
     * published them ({@link SourceId}): asking for that instead of the event spares decoding the payload,
     * a third of the order events of a rebuild.
     */
    @EventHandler(payloadType = OrderShipped.class)
    void shipped(@SourceId String orderId, @SequenceNumber long version, @Timestamp Instant at) {
        change(orderId, version, order -> order.moveTo(OrderStatus.SHIPPED, at, null));
    }

    @EventHandler(payloadType = OrderDelivered.class)
    void delivered(@SourceId String orderId, @SequenceNumber long version, @Timestamp Instant at) {
        change(orderId, version, order -> order.moveTo(OrderStatus.DELIVERED, at, null));
    }

    @EventHandler
    void on(OrderCancelled event, @SequenceNumber long version, @Timestamp Instant at) {
        change(event.orderId().value(), version, order -> order.moveTo(OrderStatus.CANCELLED, at, event.reason()));
    }

    private void change(String orderId, long version, Consumer<OrderRow> change) {
        batch().add(orderId, rows -> rows.change(orderId, version, change));
    }

    private OrderBatch batch() {
        return BatchOfUnitOfWork.current(PROCESSING_GROUP, OrderBatch::new, this::write);
    }

    private void write(OrderBatch batch) {
        Columns.prepareBatchTransaction(jdbc);
        Generations.Pointer pointer = generations.pointer(PROCESSING_GROUP);
        String schema = pointer.targetSchema();
        OrderRows rows = new OrderRows(load(schema, batch.orderIds()));
        batch.applyTo(rows);
        Collection<OrderRow> changed = rows.changed();
        writeOrders(schema, changed);
        writeLines(schema, changed);
        writeSteps(schema, changed);
        if (!pointer.rebuilding()) {
            changed.forEach(order -> versions.applied(PROCESSING_GROUP, order.orderId, order.version));
            Set<String> watched = watchedOrders();
            List<String> emitted = changed.stream().map(order -> order.orderId).filter(watched::contains).toList();
            emitAfterCommit(reader.byIds(schema, emitted));
        }
    }

    /**
     * Sends the changed views to their subscribers once the transaction that wrote them has committed (at
     * once when there is none). Axon's emitter defers an update to the commit only while the unit of work
     * is still handling events; this runs as the batch prepares to commit, when it would send at once, and a
     * subscriber that queried on receiving the update could miss the rows it was told about.
     */
    private void emitAfterCommit(List<OrderView> views) {
        if (views.isEmpty()) {
            return;
        }
        Runnable emit = () -> views.forEach(view -> updates.emit(FindOrder.class, query -> query.orderId().equals(view.orderId()), view));
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            emit.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                emit.run();
            }
        });
    }

    /** The orders someone subscribed to: only their views are read back to be sent, not every changed one. */
    private Set<String> watchedOrders() {
        return updates.activeSubscriptions().stream()
                .map(subscription -> subscription.getPayload())
                .filter(FindOrder.class::isInstance)
                .map(query -> ((FindOrder) query).orderId().value())
                .collect(Collectors.toSet());
    }

    private void writeOrders(String schema, Collection<OrderRow> changed) {
        Columns orders = new Columns(8);
        changed.forEach(order -> orders.add(order.orderId, order.customerId, order.status, order.totalMinor,
                order.totalCurrency, order.reason, order.placedAt, order.version));
        orders.write(jdbc, "INSERT INTO " + schema + ".customer_order"
                + " (order_id, customer_id, status, total_minor, total_currency, reason, placed_at, version)"
                + " SELECT id, customer_id, status, total_minor::bigint, total_currency, reason, placed_at::timestamptz, version::bigint"
                + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])"
                + " AS row(id, customer_id, status, total_minor, total_currency, reason, placed_at, version)"
                + " ON CONFLICT (order_id) DO UPDATE SET status = excluded.status, total_minor = excluded.total_minor,"
                + " total_currency = excluded.total_currency, reason = excluded.reason, version = excluded.version");
    }

    /** Lines are set when an order is placed and replaced when it is confirmed (with their prices). */
    private void writeLines(String schema, Collection<OrderRow> changed) {
        List<String> replaced = changed.stream().filter(order -> order.newLines != null && !order.isNew)
                .map(order -> order.orderId).toList();
        if (!replaced.isEmpty()) {
            jdbc.update("DELETE FROM " + schema + ".order_line WHERE order_id = ANY(?)",
                    statement -> statement.setArray(1, Columns.textArray(statement, replaced)));
        }
        Columns lines = new Columns(6);
        changed.stream().filter(order -> order.newLines != null).forEach(order -> {
            for (int lineNo = 0; lineNo < order.newLines.size(); lineNo++) {
                OrderLineView line = order.newLines.get(lineNo);
                lines.add(order.orderId, lineNo, line.productId().value(), line.quantity(),
                        line.unitPrice() == null ? null : line.unitPrice().amountMinor(),
                        line.unitPrice() == null ? null : line.unitPrice().currency());
            }
        });
        lines.write(jdbc, "INSERT INTO " + schema + ".order_line"
                + " (order_id, line_no, product_id, quantity, unit_price_minor, unit_price_currency)"
                + " SELECT id, line_no::integer, product_id, quantity::integer, unit_price_minor::bigint, unit_price_currency"
                + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])"
                + " AS row(id, line_no, product_id, quantity, unit_price_minor, unit_price_currency)");
    }

    private void writeSteps(String schema, Collection<OrderRow> changed) {
        Columns steps = new Columns(5);
        changed.forEach(order -> {
            for (int i = 0; i < order.newSteps.size(); i++) {
                var step = order.newSteps.get(i);
                steps.add(order.orderId, order.storedSteps + i, step.status(), step.at(), step.reason());
            }
        });
        steps.write(jdbc, "INSERT INTO " + schema + ".order_status_change (order_id, step, status, changed_at, reason)"
                + " SELECT id, step::integer, status, changed_at::timestamptz, reason"
                + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) AS row(id, step, status, changed_at, reason)");
    }

    private Map<String, OrderRow> load(String schema, Collection<String> ids) {
        Map<String, OrderRow> rows = new HashMap<>();
        jdbc.query("SELECT o.order_id, o.customer_id, o.status, o.total_minor, o.total_currency, o.reason, o.placed_at, o.version,"
                        + " (SELECT count(*) FROM " + schema + ".order_status_change h WHERE h.order_id = o.order_id) AS steps"
                        + " FROM " + schema + ".customer_order o WHERE o.order_id = ANY(?)",
                statement -> statement.setArray(1, Columns.textArray(statement, ids.stream().toList())),
                (ResultSet row) -> {
                    OrderRow order = new OrderRow(row.getString("order_id"), row.getString("customer_id"),
                            OrderStatus.valueOf(row.getString("status")), (Long) row.getObject("total_minor"),
                            row.getString("total_currency"), row.getString("reason"), row.getTimestamp("placed_at").toInstant(),
                            row.getLong("version"), row.getInt("steps"), false);
                    rows.put(order.orderId, order);
                });
        return rows;
    }
}
