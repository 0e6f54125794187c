package dev.bazaar.api.ordering;

import dev.bazaar.api.common.Money;
import dev.bazaar.api.customer.CustomerId;
import java.time.Instant;
import java.util.List;

/**
 * An order as the relational read model sees it. {@code total} and the lines' unit prices are known
 * once the order is confirmed; {@code reason} is set for a rejected or cancelled order.
 */
public record OrderView(OrderId orderId, CustomerId customerId, OrderStatus status, List<OrderLineView> lines,
                        Money total, String reason, Instant placedAt, List<OrderStatusChange> history, long version) {

    public OrderView {
        lines = List.copyOf(lines);
        history = List.copyOf(history);
    }
}
