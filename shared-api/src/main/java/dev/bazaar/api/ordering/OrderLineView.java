package dev.bazaar.api.ordering;

import dev.bazaar.api.catalog.ProductId;
import dev.bazaar.api.common.Money;

/** A line of an order; {@code unitPrice} is null until the order is confirmed. */
public record OrderLineView(ProductId productId, int quantity, Money unitPrice) {
}
