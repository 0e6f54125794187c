package dev.bazaar.api.customer;

import java.util.Objects;

/**
 * A customer by id. With {@code minVersion} set, the read model answers only once it has applied that
 * version of the customer (read-your-writes after a command); {@code null} answers at once.
 */
public record FindCustomer(CustomerId customerId, Long minVersion) {

    public FindCustomer {
        Objects.requireNonNull(customerId, "customerId is required");
    }

    public FindCustomer(CustomerId customerId) {
        this(customerId, null);
    }
}
