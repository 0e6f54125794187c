package dev.bazaar.api.catalog;

import dev.bazaar.api.ordering.OrderId;
import org.axonframework.serialization.Revision;

@Revision("1")
public record StockReleased(ProductId productId, OrderId orderId, int quantity, int availableStock) {
}
