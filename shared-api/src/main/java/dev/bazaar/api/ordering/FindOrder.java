package dev.bazaar.api.ordering;

import java.util.Objects;

/**
 * An order by id; also the subscription query whose updates are the order's new states. With
 * {@code minVersion} set, the read model answers only once it has applied that version of the order.
 */
public record FindOrder(OrderId orderId, Long minVersion) {

    public FindOrder {
        Objects.requireNonNull(orderId, "orderId is required");
    }

    public FindOrder(OrderId orderId) {
        this(orderId, null);
    }
}
