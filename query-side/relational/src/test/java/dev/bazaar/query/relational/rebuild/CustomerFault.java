package dev.bazaar.query.relational.rebuild;

import dev.bazaar.api.customer.CustomerDeactivated;
import dev.bazaar.api.customer.CustomerId;
import dev.bazaar.api.customer.CustomerProfileUpdated;
import dev.bazaar.api.customer.CustomerRegistered;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * A fault switched on per customer: one more event handler of the {@code customers} processing group,
 * invoked before the projection ({@link Order}: Axon calls the handlers of a group in that order), that
 * throws on every event of a customer it was told to fail for. For the processor this is a handler that
 * keeps failing, like a projection bug that only some data trips.
 */
@TestComponent
@ProcessingGroup("customers")
@Order(Ordered.HIGHEST_PRECEDENCE)
public class CustomerFault {

    private final Set<String> failing = ConcurrentHashMap.newKeySet();

    void failFor(CustomerId customer) {
        failing.add(customer.value());
    }

    void heal() {
        failing.clear();
    }

    @EventHandler
    void on(CustomerRegistered event) {
        failIfAsked(event.customerId());
    }

    @EventHandler
    void on(CustomerProfileUpdated event) {
        failIfAsked(event.customerId());
    }

    @EventHandler
    void on(CustomerDeactivated event) {
        failIfAsked(event.customerId());
    }

    private void failIfAsked(CustomerId customer) {
        if (failing.contains(customer.value())) {
            throw new IllegalStateException("test fault: the projection fails for customer " + customer.value());
        }
    }
}
