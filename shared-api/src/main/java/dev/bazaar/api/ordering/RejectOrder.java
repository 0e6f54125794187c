package dev.bazaar.api.ordering;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RejectOrder(@TargetAggregateIdentifier OrderId orderId, String reason) {
}
