package dev.bazaar.api.ordering;

import dev.bazaar.api.common.Money;
import java.util.List;
import org.axonframework.serialization.Revision;

@Revision("1")
public record OrderConfirmed(OrderId orderId, List<PricedOrderLine> lines, Money total) {

    public OrderConfirmed {
        lines = List.copyOf(lines);
    }
}
