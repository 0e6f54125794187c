package dev.bazaar.query.relational.ordering;

import dev.bazaar.api.ordering.FindOrder;
import dev.bazaar.api.ordering.OrderCancelled;
import dev.bazaar.api.ordering.OrderConfirmed;
import dev.bazaar.api.ordering.OrderDelivered;
import dev.bazaar.api.ordering.OrderId;
import dev.bazaar.api.ordering.OrderPlaced;
import dev.bazaar.api.ordering.OrderRejected;
import dev.bazaar.api.ordering.OrderShipped;
import dev.bazaar.api.ordering.OrderStatus;
import dev.bazaar.api.ordering.OrderView;
import dev.bazaar.query.relational.freshness.AppliedVersions;
import java.time.Instant;
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Orders as rows with their lines and status history. Each row remembers the last event of its order it
 * applied, so an event delivered again or out of date is skipped. Every change is also sent to the
 * subscribers of {@link FindOrder} for that order (after the transaction commits, when run by a processor).
 */
@Component
@ProcessingGroup(OrderProjection.PROCESSING_GROUP)
class OrderProjection {

    static final String PROCESSING_GROUP = "orders";

    private static final Logger log = LoggerFactory.getLogger(OrderProjection.class);

    private final OrderRows orders;
    private final AppliedVersions versions;
    private final QueryUpdateEmitter updates;

    OrderProjection(OrderRows orders, AppliedVersions versions, QueryUpdateEmitter updates) {
        this.orders = orders;
        this.versions = versions;
        this.updates = updates;
    }

    @EventHandler
    void on(OrderPlaced event, @SequenceNumber long version, @Timestamp Instant at) {
        String id = event.orderId().value();
        if (orders.existsById(id)) {
            return;
        }
        OrderRow order = orders.save(new OrderRow(id, event.customerId().value(), event.lines(), at, version));
        changed(order, version);
    }

    @EventHandler
    void on(OrderConfirmed event, @SequenceNumber long version, @Timestamp Instant at) {
        apply(event.orderId(), version, order -> order.confirmed(event.lines(), event.total(), at, version));
    }

    @EventHandler
    void on(OrderRejected event, @SequenceNumber long version, @Timestamp Instant at) {
        apply(event.orderId(), version, order -> order.moveTo(OrderStatus.REJECTED, at, event.reason(), version));
    }

    @EventHandler
    void on(OrderShipped event, @SequenceNumber long version, @Timestamp Instant at) {
        apply(event.orderId(), version, order -> order.moveTo(OrderStatus.SHIPPED, at, null, version));
    }

    @EventHandler
    void on(OrderDelivered event, @SequenceNumber long version, @Timestamp Instant at) {
        apply(event.orderId(), version, order -> order.moveTo(OrderStatus.DELIVERED, at, null, version));
    }

    @EventHandler
    void on(OrderCancelled event, @SequenceNumber long version, @Timestamp Instant at) {
        apply(event.orderId(), version, order -> order.moveTo(OrderStatus.CANCELLED, at, event.reason(), version));
    }

    /** Changes the order's row when this event is news to it. */
    private void apply(OrderId orderId, long version, Consumer<OrderRow> change) {
        OrderRow order = orders.findById(orderId.value()).orElse(null);
        if (order == null) {
            log.warn("Event {} of order {} arrived before the order was placed; skipped", version, orderId);
            return;
        }
        if (order.hasApplied(version)) {
            return;
        }
        change.accept(order);
        changed(order, version);
    }

    private void changed(OrderRow order, long version) {
        OrderView view = order.toView();
        versions.applied(PROCESSING_GROUP, view.orderId().value(), version);
        updates.emit(FindOrder.class, query -> query.orderId().equals(view.orderId()), view);
    }
}
