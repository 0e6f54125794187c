package dev.bazaar.query.relational.customer;

import dev.bazaar.api.customer.CustomerId;
import dev.bazaar.api.customer.CustomerView;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A customer's row; {@code version} is the sequence number of the last event of the customer applied to it. */
@Entity
@Table(name = "customer")
class CustomerRow {

    @Id
    private String customerId;
    private String name;
    private String email;
    private boolean active;
    private Instant registeredAt;
    private long version;

    protected CustomerRow() {
    }

    CustomerRow(String customerId, String name, String email, Instant registeredAt, long version) {
        this.customerId = customerId;
        this.name = name;
        this.email = email;
        this.active = true;
        this.registeredAt = registeredAt;
        this.version = version;
    }

    boolean hasApplied(long sequenceNumber) {
        return sequenceNumber <= version;
    }

    void profileUpdated(String name, String email, long version) {
        this.name = name;
        this.email = email;
        this.version = version;
    }

    void deactivated(long version) {
        this.active = false;
        this.version = version;
    }

    CustomerView toView() {
        return new CustomerView(CustomerId.of(customerId), name, email, active, registeredAt, version);
    }
}
