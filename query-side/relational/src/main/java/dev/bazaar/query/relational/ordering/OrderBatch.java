package dev.bazaar.query.relational.ordering;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** The order events of one Axon batch, in order, to be applied together to the rows they touch. */
class OrderBatch {

    private final Set<String> orderIds = new LinkedHashSet<>();
    private final List<Consumer<OrderRows>> changes = new ArrayList<>();

    void add(String orderId, Consumer<OrderRows> change) {
        orderIds.add(orderId);
        changes.add(change);
    }

    Set<String> orderIds() {
        return orderIds;
    }

    void applyTo(OrderRows rows) {
        changes.forEach(change -> change.accept(rows));
    }
}
