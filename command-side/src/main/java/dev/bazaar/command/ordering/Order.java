package dev.bazaar.command.ordering;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.bazaar.api.catalog.ProductId;
import dev.bazaar.api.common.Money;
import dev.bazaar.api.ordering.CancelOrder;
import dev.bazaar.api.ordering.ConfirmOrder;
import dev.bazaar.api.ordering.DeliverOrder;
import dev.bazaar.api.ordering.OrderCancelled;
import dev.bazaar.api.ordering.OrderConfirmed;
import dev.bazaar.api.ordering.OrderDelivered;
import dev.bazaar.api.ordering.OrderId;
import dev.bazaar.api.ordering.OrderLine;
import dev.bazaar.api.ordering.OrderPlaced;
import dev.bazaar.api.ordering.OrderRejected;
import dev.bazaar.api.ordering.OrderShipped;
import dev.bazaar.api.ordering.OrderStatus;
import dev.bazaar.api.ordering.PlaceOrder;
import dev.bazaar.api.ordering.PricedOrderLine;
import dev.bazaar.api.ordering.RejectOrder;
import dev.bazaar.api.ordering.ShipOrder;
import dev.bazaar.command.customer.ActiveCustomers;
import dev.bazaar.command.rules.RuleViolation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * An order. Its status moves only forward, placed, confirmed, shipped, delivered, or ends rejected
 * (by the saga, when stock is short) or cancelled (by the customer, before it ships).
 */
@Aggregate(cache = "aggregateCache")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
class Order {

    static final int MAX_LINES = 100;

    @AggregateIdentifier
    private OrderId orderId;
    private OrderStatus status;
    private Map<ProductId, Integer> quantities;

    Order() {
    }

    @CommandHandler
    Order(PlaceOrder command, ActiveCustomers customers) {
        if (command.customerId() == null) {
            throw new RuleViolation("an order names its customer");
        }
        requireLines(command.lines());
        customers.requireActive(command.customerId());
        apply(new OrderPlaced(command.orderId(), command.customerId(), command.lines()));
    }

    @CommandHandler
    long handle(ConfirmOrder command) {
        requireStatus(OrderStatus.PLACED, "confirmed");
        Map<ProductId, Integer> confirmed = new HashMap<>();
        command.lines().forEach(line -> confirmed.merge(line.productId(), line.quantity(), Integer::sum));
        if (!confirmed.equals(quantities)) {
            throw new RuleViolation("order " + orderId + " is confirmed only with the products and quantities it was placed with");
        }
        Set<String> currencies = command.lines().stream().map(line -> line.unitPrice().currency()).collect(Collectors.toSet());
        if (currencies.size() != 1) {
            throw new RuleViolation("order " + orderId + " mixes currencies " + currencies + "; an order has one currency");
        }
        Money total = command.lines().stream().map(PricedOrderLine::lineTotal)
                .reduce(Money.zero(currencies.iterator().next()), Money::plus);
        apply(new OrderConfirmed(orderId, command.lines(), total));
        return getVersion();
    }

    @CommandHandler
    long handle(RejectOrder command) {
        requireStatus(OrderStatus.PLACED, "rejected");
        apply(new OrderRejected(orderId, command.reason()));
        return getVersion();
    }

    @CommandHandler
    long handle(ShipOrder command) {
        requireStatus(OrderStatus.CONFIRMED, "shipped");
        apply(new OrderShipped(orderId));
        return getVersion();
    }

    @CommandHandler
    long handle(DeliverOrder command) {
        requireStatus(OrderStatus.SHIPPED, "delivered");
        apply(new OrderDelivered(orderId));
        return getVersion();
    }

    @CommandHandler
    long handle(CancelOrder command) {
        if (status != OrderStatus.PLACED && status != OrderStatus.CONFIRMED) {
            throw new RuleViolation("order " + orderId + " is " + describe(status) + " and can no longer be cancelled");
        }
        apply(new OrderCancelled(orderId, command.reason()));
        return getVersion();
    }

    private void requireStatus(OrderStatus required, String wanted) {
        if (status != required) {
            throw new RuleViolation("order " + orderId + " is " + describe(status) + "; only a " + describe(required)
                    + " order can be " + wanted);
        }
    }

    private static String describe(OrderStatus status) {
        return status.name().toLowerCase();
    }

    private static void requireLines(List<OrderLine> lines) {
        if (lines.isEmpty() || lines.size() > MAX_LINES) {
            throw new RuleViolation("an order has 1 to " + MAX_LINES + " lines");
        }
        long distinctProducts = lines.stream().map(OrderLine::productId).distinct().count();
        if (distinctProducts != lines.size()) {
            throw new RuleViolation("an order names each product on one line only");
        }
    }

    @EventSourcingHandler
    void on(OrderPlaced event) {
        orderId = event.orderId();
        status = OrderStatus.PLACED;
        quantities = event.lines().stream().collect(Collectors.toMap(OrderLine::productId, OrderLine::quantity));
    }

    @EventSourcingHandler
    void on(OrderConfirmed event) {
        status = OrderStatus.CONFIRMED;
    }

    @EventSourcingHandler
    void on(OrderRejected event) {
        status = OrderStatus.REJECTED;
    }

    @EventSourcingHandler
    void on(OrderShipped event) {
        status = OrderStatus.SHIPPED;
    }

    @EventSourcingHandler
    void on(OrderDelivered event) {
        status = OrderStatus.DELIVERED;
    }

    @EventSourcingHandler
    void on(OrderCancelled event) {
        status = OrderStatus.CANCELLED;
    }
}
