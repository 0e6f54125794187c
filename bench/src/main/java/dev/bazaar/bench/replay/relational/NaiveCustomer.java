package dev.bazaar.bench.replay.relational;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** A customer of the naive projection: one row, rewritten whole on every event. */
@Entity
class NaiveCustomer {

    @Id
    String customerId;
    String name;
    String email;
    boolean active;
    long version;

    protected NaiveCustomer() {
    }

    NaiveCustomer(String customerId) {
        this.customerId = customerId;
    }
}
