package dev.bazaar.api.ordering;

import dev.bazaar.api.common.PageRequest;
import dev.bazaar.api.customer.CustomerId;
import java.util.Objects;

/** A customer's orders, newest first; {@code status} null means every status. */
public record FindOrdersOfCustomer(CustomerId customerId, OrderStatus status, PageRequest page) {

    public FindOrdersOfCustomer {
        Objects.requireNonNull(customerId, "customerId is required");
        Objects.requireNonNull(page, "page is required");
    }
}
