package dev.bazaar.api.ordering;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ConfirmOrder(@TargetAggregateIdentifier OrderId orderId, List<PricedOrderLine> lines) {

    public ConfirmOrder {
        lines = List.copyOf(lines);
    }
}
