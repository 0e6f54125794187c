package dev.bazaar.api.ordering;

import dev.bazaar.api.customer.CustomerView;
import java.util.Objects;

/** The answer to {@link FindCustomerWithOrders}: the customer and the page of their orders asked for. */
public record CustomerWithOrders(CustomerView customer, OrderPage orders) {

    public CustomerWithOrders {
        Objects.requireNonNull(customer, "customer is required");
        Objects.requireNonNull(orders, "orders is required");
    }
}
