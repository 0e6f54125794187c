package dev.bazaar.query.relational.ordering;

import dev.bazaar.api.common.Money;
import dev.bazaar.api.customer.CustomerId;
import dev.bazaar.api.ordering.OrderId;
import dev.bazaar.api.ordering.OrderLine;
import dev.bazaar.api.ordering.OrderStatus;
import dev.bazaar.api.ordering.OrderView;
import dev.bazaar.api.ordering.PricedOrderLine;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An order with its lines and status history; {@code version} is the sequence number of the last event
 * of the order applied to it. Rows are keyed by customer and placing time for the order history.
 */
@Entity
@Table(name = "customer_order")
class OrderRow {

    @Id
    private String orderId;
    private String customerId;
    @Enumerated(EnumType.STRING)
    private OrderStatus status;
    private Long totalMinor;
    private String totalCurrency;
    private String reason;
    private Instant placedAt;
    private long version;

    @ElementCollection
    @CollectionTable(name = "order_line", joinColumns = @JoinColumn(name = "order_id"))
    @OrderColumn(name = "line_no")
    private List<OrderLineRow> lines = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "order_status_change", joinColumns = @JoinColumn(name = "order_id"))
    @OrderColumn(name = "step")
    private List<StatusChangeRow> history = new ArrayList<>();

    protected OrderRow() {
    }

    OrderRow(String orderId, String customerId, List<OrderLine> lines, Instant placedAt, long version) {
        this.orderId = orderId;
        this.customerId = customerId;
        this.placedAt = placedAt;
        lines.forEach(line -> this.lines.add(OrderLineRow.placed(line)));
        moveTo(OrderStatus.PLACED, placedAt, null, version);
    }

    boolean hasApplied(long sequenceNumber) {
        return sequenceNumber <= version;
    }

    void confirmed(List<PricedOrderLine> pricedLines, Money total, Instant at, long version) {
        lines.clear();
        pricedLines.forEach(line -> lines.add(OrderLineRow.priced(line)));
        totalMinor = total.amountMinor();
        totalCurrency = total.currency();
        moveTo(OrderStatus.CONFIRMED, at, null, version);
    }

    void moveTo(OrderStatus newStatus, Instant at, String why, long version) {
        this.status = newStatus;
        this.reason = why;
        this.version = version;
        history.add(new StatusChangeRow(newStatus, at, why));
    }

    OrderView toView() {
        Money total = totalMinor == null ? null : Money.of(totalMinor, totalCurrency);
        return new OrderView(OrderId.of(orderId), CustomerId.of(customerId), status,
                lines.stream().map(OrderLineRow::toView).toList(), total, reason, placedAt,
                history.stream().map(StatusChangeRow::toView).toList(), version);
    }
}
