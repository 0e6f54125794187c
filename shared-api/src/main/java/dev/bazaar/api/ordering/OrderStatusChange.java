package dev.bazaar.api.ordering;

import java.time.Instant;

public record OrderStatusChange(OrderStatus status, Instant at, String reason) {
}
