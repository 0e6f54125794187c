package dev.bazaar.api.ordering;

import org.axonframework.serialization.Revision;

@Revision("1")
public record OrderCancelled(OrderId orderId, String reason) {
}
