package dev.bazaar.command.customer;

import dev.bazaar.api.customer.CustomerDeactivated;
import dev.bazaar.api.customer.CustomerId;
import dev.bazaar.api.customer.CustomerRegistered;
import dev.bazaar.command.rules.RuleViolation;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Answers "may this customer order?" for the order aggregate from the customer's own event stream,
 * not from a read model, which may lag behind a deactivation. It reads the events rather than
 * loading the aggregate, so that it takes no lock on the customer and needs none of its handlers.
 */
public class ActiveCustomers {

    private final EventStore eventStore;

    public ActiveCustomers(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    public void requireActive(CustomerId customerId) {
        List<Object> events = eventStore.readEvents(customerId.toString()).asStream()
                .map(EventMessage::getPayload).map(Object.class::cast).toList();
        if (events.stream().noneMatch(CustomerRegistered.class::isInstance)) {
            throw new RuleViolation("customer " + customerId + " is not registered");
        }
        if (events.stream().anyMatch(CustomerDeactivated.class::isInstance)) {
            throw new RuleViolation("customer " + customerId + " is deactivated and cannot order");
        }
    }
}
