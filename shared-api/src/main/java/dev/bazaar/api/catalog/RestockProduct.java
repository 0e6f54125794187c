package dev.bazaar.api.catalog;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RestockProduct(@TargetAggregateIdentifier ProductId productId, int quantity) {
}
