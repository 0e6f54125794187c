package dev.bazaar.api.ordering;

import dev.bazaar.api.customer.CustomerId;
import java.util.List;
import org.axonframework.serialization.Revision;

@Revision("1")
public record OrderPlaced(OrderId orderId, CustomerId customerId, List<OrderLine> lines) {

    public OrderPlaced {
        lines = List.copyOf(lines);
    }
}
