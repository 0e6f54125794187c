package dev.bazaar.api.ordering;

import dev.bazaar.api.catalog.ProductId;
import java.util.Objects;

/** A line of an order as the customer placed it: which product and how many. */
public record OrderLine(ProductId productId, int quantity) {

    public OrderLine {
        Objects.requireNonNull(productId, "productId is required");
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be at least 1");
        }
    }
}
