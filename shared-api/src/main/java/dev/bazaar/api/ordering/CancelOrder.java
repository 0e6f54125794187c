package dev.bazaar.api.ordering;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CancelOrder(@TargetAggregateIdentifier OrderId orderId, String reason) {
}
