package dev.bazaar.query.relational.customer;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** The customer events of one Axon batch, in order, to be applied together to the rows they touch. */
class CustomerBatch {

    private final Set<String> customerIds = new LinkedHashSet<>();
    private final List<Consumer<CustomerRows>> changes = new ArrayList<>();

    void add(String customerId, Consumer<CustomerRows> change) {
        customerIds.add(customerId);
        changes.add(change);
    }

    Set<String> customerIds() {
        return customerIds;
    }

    void applyTo(CustomerRows rows) {
        changes.forEach(change -> change.accept(rows));
    }
}
