package dev.bazaar.api.ordering;

import org.axonframework.serialization.Revision;

@Revision("1")
public record OrderDelivered(OrderId orderId) {
}
