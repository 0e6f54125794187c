package dev.bazaar.api.catalog;

import java.util.Objects;

/**
 * A product by id. With {@code minVersion} set, the read model answers only once it has applied that
 * version of the product (read-your-writes after a command); {@code null} answers at once.
 */
public record FindProduct(ProductId productId, Long minVersion) {

    public FindProduct {
        Objects.requireNonNull(productId, "productId is required");
    }

    public FindProduct(ProductId productId) {
        this(productId, null);
    }
}
