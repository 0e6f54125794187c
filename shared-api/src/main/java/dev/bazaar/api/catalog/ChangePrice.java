package dev.bazaar.api.catalog;

import dev.bazaar.api.common.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ChangePrice(@TargetAggregateIdentifier ProductId productId, Money price) {
}
