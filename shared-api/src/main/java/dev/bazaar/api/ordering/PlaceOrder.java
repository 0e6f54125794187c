package dev.bazaar.api.ordering;

import dev.bazaar.api.customer.CustomerId;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record PlaceOrder(@TargetAggregateIdentifier OrderId orderId, CustomerId customerId, List<OrderLine> lines) {

    public PlaceOrder {
        lines = List.copyOf(lines);
    }
}
