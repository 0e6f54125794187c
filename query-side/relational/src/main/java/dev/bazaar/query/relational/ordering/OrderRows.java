package dev.bazaar.query.relational.ordering;

import dev.bazaar.api.ordering.OrderLineView;
import dev.bazaar.api.ordering.OrderStatus;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The order rows one batch touches, as read before it, and which of them it changed. */
class OrderRows {

    private static final Logger log = LoggerFactory.getLogger(OrderRows.class);

    private final Map<String, OrderRow> rows;
    private final Map<String, OrderRow> changed = new LinkedHashMap<>();

    OrderRows(Map<String, OrderRow> existing) {
        this.rows = existing;
    }

    void place(String id, String customerId, List<OrderLineView> lines, Instant at, long version) {
        if (rows.containsKey(id)) {
            return;
        }
        OrderRow order = new OrderRow(id, customerId, null, null, null, null, at, version, 0, true);
        order.newLines = lines;
        order.moveTo(OrderStatus.PLACED, at, null);
        rows.put(id, order);
        changed.put(id, order);
    }

    /** Applies {@code change} when this event is news to the order's row. */
    void change(String id, long version, Consumer<OrderRow> change) {
        OrderRow order = rows.get(id);
        if (order == null) {
            log.warn("Event {} of order {} arrived before the order was placed; skipped", version, id);
            return;
        }
        if (version <= order.version) {
            return;
        }
        change.accept(order);
        order.version = version;
        changed.put(id, order);
    }

    Collection<OrderRow> changed() {
        return changed.values();
    }
}
