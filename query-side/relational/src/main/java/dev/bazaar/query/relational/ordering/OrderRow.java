package dev.bazaar.query.relational.ordering;

import dev.bazaar.api.common.Money;
import dev.bazaar.api.ordering.OrderLineView;
import dev.bazaar.api.ordering.OrderStatus;
import dev.bazaar.api.ordering.OrderStatusChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An order's row while a batch changes it. Only what a batch writes is held: the lines when it sets
 * them (placed, or priced on confirmation) and the status changes it adds after the {@code steps}
 * already stored.
 */
final class OrderRow {

    final String orderId;
    final String customerId;
    final Instant placedAt;
    final boolean isNew;
    final int storedSteps;
    OrderStatus status;
    Long totalMinor;
    String totalCurrency;
    String reason;
    long version;
    List<OrderLineView> newLines;
    final List<OrderStatusChange> newSteps = new ArrayList<>();

    OrderRow(String orderId, String customerId, OrderStatus status, Long totalMinor, String totalCurrency, String reason,
             Instant placedAt, long version, int storedSteps, boolean isNew) {
        this.orderId = orderId;
        this.customerId = customerId;
        this.status = status;
        this.totalMinor = totalMinor;
        this.totalCurrency = totalCurrency;
        this.reason = reason;
        this.placedAt = placedAt;
        this.version = version;
        this.storedSteps = storedSteps;
        this.isNew = isNew;
    }

    void confirmed(List<OrderLineView> pricedLines, Money total, Instant at) {
        newLines = pricedLines;
        totalMinor = total.amountMinor();
        totalCurrency = total.currency();
        moveTo(OrderStatus.CONFIRMED, at, null);
    }

    void moveTo(OrderStatus newStatus, Instant at, String why) {
        status = newStatus;
        reason = why;
        newSteps.add(new OrderStatusChange(newStatus, at, why));
    }
}
