package dev.bazaar.api.catalog;

import dev.bazaar.api.common.Money;
import dev.bazaar.api.ordering.OrderId;
import org.axonframework.serialization.Revision;

@Revision("1")
public record StockReserved(ProductId productId, OrderId orderId, int quantity, Money unitPrice, int availableStock) {
}
