package dev.bazaar.api.catalog;

import dev.bazaar.api.common.Money;
import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record AddProduct(@TargetAggregateIdentifier ProductId productId, String name, String description, Money price, int initialStock, Map<String, String> attributes) {

    public AddProduct {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
