package dev.bazaar.bench.replay.relational;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** An order of the naive projection: one row, rewritten whole on every event. */
@Entity
class NaiveOrder {

    @Id
    String orderId;
    String customerId;
    String status;
    Long totalMinor;
    String totalCurrency;
    String reason;
    int lines;
    long version;

    protected NaiveOrder() {
    }

    NaiveOrder(String orderId) {
        this.orderId = orderId;
    }
}
