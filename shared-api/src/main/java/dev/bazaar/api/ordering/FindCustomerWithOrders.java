package dev.bazaar.api.ordering;

import dev.bazaar.api.common.PageRequest;
import dev.bazaar.api.customer.CustomerId;
import java.util.Objects;

/**
 * A customer by id together with one page of their orders, newest first: {@code FindCustomer} and
 * {@link FindOrdersOfCustomer} in one round trip, for a client that wants both. {@code minVersion}
 * applies to the customer as in {@code FindCustomer}; {@code status} null means every status. Answered
 * {@link CustomerWithOrders}, or empty for an unknown customer.
 *
 * @see dev.bazaar.api.customer.FindCustomer
 */
public record FindCustomerWithOrders(CustomerId customerId, Long minVersion, OrderStatus status, PageRequest ordersPage) {

    public FindCustomerWithOrders {
        Objects.requireNonNull(customerId, "customerId is required");
        Objects.requireNonNull(ordersPage, "ordersPage is required");
    }
}
