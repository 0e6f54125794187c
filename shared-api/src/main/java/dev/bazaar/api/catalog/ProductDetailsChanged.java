package dev.bazaar.api.catalog;

import java.util.Map;
import org.axonframework.serialization.Revision;

@Revision("1")
public record ProductDetailsChanged(ProductId productId, String name, String description, Map<String, String> attributes) {

    public ProductDetailsChanged {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
