package dev.bazaar.api.ordering;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ShipOrder(@TargetAggregateIdentifier OrderId orderId) {
}
