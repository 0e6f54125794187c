package dev.bazaar.api.catalog;

import dev.bazaar.api.ordering.OrderId;
import org.axonframework.serialization.Revision;

@Revision("1")
public record StockReservationRejected(ProductId productId, OrderId orderId, int quantity, int availableStock, String reason) {
}
