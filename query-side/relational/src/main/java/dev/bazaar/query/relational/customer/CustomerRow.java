package dev.bazaar.query.relational.customer;

import java.time.Instant;

/** A customer's row while a batch changes it; {@code version} is the last event of the customer applied. */
final class CustomerRow {

    final String customerId;
    final Instant registeredAt;
    String name;
    String email;
    boolean active;
    long version;

    CustomerRow(String customerId, String name, String email, boolean active, Instant registeredAt, long version) {
        this.customerId = customerId;
        this.name = name;
        this.email = email;
        this.active = active;
        this.registeredAt = registeredAt;
        this.version = version;
    }

    void profileUpdated(String newName, String newEmail) {
        name = newName;
        email = newEmail;
    }

    void deactivated() {
        active = false;
    }
}
