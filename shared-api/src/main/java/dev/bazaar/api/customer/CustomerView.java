package dev.bazaar.api.customer;

import java.time.Instant;

/** A customer as the relational read model sees it; {@code version} is the last event of the customer applied. */
public record CustomerView(CustomerId customerId, String name, String email, boolean active, Instant registeredAt, long version) {
}
