package dev.bazaar.api.catalog;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DiscontinueProduct(@TargetAggregateIdentifier ProductId productId) {
}
