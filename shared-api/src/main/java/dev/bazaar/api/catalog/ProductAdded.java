package dev.bazaar.api.catalog;

import dev.bazaar.api.common.Money;
import java.util.Map;
import org.axonframework.serialization.Revision;

@Revision("1")
public record ProductAdded(ProductId productId, String name, String description, Money price, int availableStock, Map<String, String> attributes) {

    public ProductAdded {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
