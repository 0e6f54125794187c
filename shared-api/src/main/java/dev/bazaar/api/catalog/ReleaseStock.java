package dev.bazaar.api.catalog;

import dev.bazaar.api.ordering.OrderId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ReleaseStock(@TargetAggregateIdentifier ProductId productId, OrderId orderId, int quantity) {
}
