package dev.bazaar.bench.replay.relational;

import dev.bazaar.api.customer.CustomerDeactivated;
import dev.bazaar.api.customer.CustomerProfileUpdated;
import dev.bazaar.api.customer.CustomerRegistered;
import dev.bazaar.api.ordering.OrderCancelled;
import dev.bazaar.api.ordering.OrderConfirmed;
import dev.bazaar.api.ordering.OrderDelivered;
import dev.bazaar.api.ordering.OrderPlaced;
import dev.bazaar.api.ordering.OrderRejected;
import dev.bazaar.api.ordering.OrderShipped;
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.stereotype.Component;

/** On each event, the row it changes is read, changed and saved: one repository round per event. */
@Component
@ProcessingGroup(NaiveProjection.PROCESSING_GROUP)
class NaiveProjection {

    static final String PROCESSING_GROUP = "naive";

    private final NaiveCustomers customers;
    private final NaiveOrders orders;

    NaiveProjection(NaiveCustomers customers, NaiveOrders orders) {
        this.customers = customers;
        this.orders = orders;
    }

    @EventHandler
    void on(CustomerRegistered event, @SequenceNumber long version) {
        NaiveCustomer customer = new NaiveCustomer(event.customerId().value());
        customer.name = event.name();
        customer.email = event.email().value();
        customer.active = true;
        customer.version = version;
        customers.save(customer);
    }

    @EventHandler
    void on(CustomerProfileUpdated event, @SequenceNumber long version) {
        customers.findById(event.customerId().value()).ifPresent(customer -> {
            customer.name = event.name();
            customer.email = event.email().value();
            customer.version = version;
            customers.save(customer);
        });
    }

    @EventHandler
    void on(CustomerDeactivated event, @SequenceNumber long version) {
        customers.findById(event.customerId().value()).ifPresent(customer -> {
            customer.active = false;
            customer.version = version;
            customers.save(customer);
        });
    }

    @EventHandler
    void on(OrderPlaced event, @SequenceNumber long version) {
        NaiveOrder order = new NaiveOrder(event.orderId().value());
        order.customerId = event.customerId().value();
        order.status = "PLACED";
        order.lines = event.lines().size();
        order.version = version;
        orders.save(order);
    }

    @EventHandler
    void on(OrderConfirmed event, @SequenceNumber long version) {
        change(event.orderId().value(), version, order -> {
            order.status = "CONFIRMED";
            order.totalMinor = event.total().amountMinor();
            order.totalCurrency = event.total().currency();
        });
    }

    @EventHandler
    void on(OrderRejected event, @SequenceNumber long version) {
        change(event.orderId().value(), version, order -> {
            order.status = "REJECTED";
            order.reason = event.reason();
        });
    }

    @EventHandler
    void on(OrderShipped event, @SequenceNumber long version) {
        change(event.orderId().value(), version, order -> order.status = "SHIPPED");
    }

    @EventHandler
    void on(OrderDelivered event, @SequenceNumber long version) {
        change(event.orderId().value(), version, order -> order.status = "DELIVERED");
    }

    @EventHandler
    void on(OrderCancelled event, @SequenceNumber long version) {
        change(event.orderId().value(), version, order -> {
            order.status = "CANCELLED";
            order.reason = event.reason();
        });
    }

    private void change(String orderId, long version, Consumer<NaiveOrder> change) {
        orders.findById(orderId).ifPresent(order -> {
            change.accept(order);
            order.version = version;
            orders.save(order);
        });
    }
}
