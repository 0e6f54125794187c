package dev.bazaar.api.customer;

import java.util.List;

/** Several customers in one query, for batched resolution; unknown ids are simply absent from the answer. */
public record FindCustomersByIds(List<CustomerId> customerIds) {

    public FindCustomersByIds {
        customerIds = List.copyOf(customerIds);
    }
}
