package dev.bazaar.command.customer;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.bazaar.api.customer.CustomerId;
import dev.bazaar.api.customer.Email;
import dev.bazaar.command.rules.RuleViolation;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * One email address, keyed by its normalised form, and the customer it belongs to.
 *
 * <p>This is how email uniqueness is set-based and race-free: registering or changing to an address
 * claims this aggregate in the same unit of work (so the same event-store append) as the customer's
 * own event. Two customers racing for one address both write the claim's next sequence number, and
 * the event store accepts only one of them. The aggregate identifier contains '@', which no customer,
 * product, order or review id may contain, so claims never collide with other aggregates.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
class EmailClaim {

    @AggregateIdentifier
    private String address;
    private CustomerId owner;

    EmailClaim() {
    }

    void claimFor(CustomerId customerId, Email email) {
        if (owner != null && !owner.equals(customerId)) {
            throw new RuleViolation("email " + email + " is already registered to another customer");
        }
        if (owner == null) {
            apply(new EmailClaimed(email.normalized(), customerId));
        }
    }

    void releaseBy(CustomerId customerId) {
        if (customerId.equals(owner)) {
            apply(new EmailReleased(address, customerId));
        }
    }

    @EventSourcingHandler
    void on(EmailClaimed event) {
        address = event.address();
        owner = event.customerId();
    }

    @EventSourcingHandler
    void on(EmailReleased event) {
        owner = null;
    }
}
