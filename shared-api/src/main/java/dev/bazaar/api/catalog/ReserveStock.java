package dev.bazaar.api.catalog;

import dev.bazaar.api.ordering.OrderId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ReserveStock(@TargetAggregateIdentifier ProductId productId, OrderId orderId, int quantity) {
}
