package dev.bazaar.api.ordering;

import dev.bazaar.api.catalog.ProductId;
import dev.bazaar.api.common.Money;
import java.util.Objects;

/** A line of a confirmed order, at the unit price the stock was reserved for. */
public record PricedOrderLine(ProductId productId, int quantity, Money unitPrice) {

    public PricedOrderLine {
        Objects.requireNonNull(productId, "productId is required");
        Objects.requireNonNull(unitPrice, "unitPrice is required");
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be at least 1");
        }
    }

    public Money lineTotal() {
        return unitPrice.times(quantity);
    }
}
