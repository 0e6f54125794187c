package dev.bazaar.api.catalog;

import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ChangeProductDetails(@TargetAggregateIdentifier ProductId productId, String name, String description, Map<String, String> attributes) {

    public ChangeProductDetails {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
