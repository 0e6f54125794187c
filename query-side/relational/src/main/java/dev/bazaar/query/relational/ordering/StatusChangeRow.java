package dev.bazaar.query.relational.ordering;

import dev.bazaar.api.ordering.OrderStatus;
import dev.bazaar.api.ordering.OrderStatusChange;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.time.Instant;

/** One step of an order's status history: the status it moved to, when, and why for a rejection or cancellation. */
@Embeddable
class StatusChangeRow {

    @Enumerated(EnumType.STRING)
    private OrderStatus status;
    @Column(name = "changed_at")
    private Instant at;
    private String reason;

    protected StatusChangeRow() {
    }

    StatusChangeRow(OrderStatus status, Instant at, String reason) {
        this.status = status;
        this.at = at;
        this.reason = reason;
    }

    OrderStatusChange toView() {
        return new OrderStatusChange(status, at, reason);
    }
}
