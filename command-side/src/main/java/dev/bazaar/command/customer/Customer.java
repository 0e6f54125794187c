package dev.bazaar.command.customer;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.bazaar.api.customer.CustomerDeactivated;
import dev.bazaar.api.customer.CustomerId;
import dev.bazaar.api.customer.CustomerProfileUpdated;
import dev.bazaar.api.customer.CustomerRegistered;
import dev.bazaar.api.customer.DeactivateCustomer;
import dev.bazaar.api.customer.Email;
import dev.bazaar.api.customer.RegisterCustomer;
import dev.bazaar.api.customer.UpdateCustomerProfile;
import dev.bazaar.command.rules.RuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** A customer: a name, an email address no other customer has, and whether they may still order. */
@Aggregate(cache = "aggregateCache")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
class Customer {

    static final int MAX_NAME_LENGTH = 200;

    @AggregateIdentifier
    private CustomerId customerId;
    private Email email;
    private boolean active;

    Customer() {
    }

    @CommandHandler
    Customer(RegisterCustomer command, EmailRegistry emails) {
        requireName(command.name());
        requireEmail(command.email());
        emails.claim(command.email(), command.customerId());
        apply(new CustomerRegistered(command.customerId(), command.name().strip(), command.email()));
    }

    @CommandHandler
    long handle(UpdateCustomerProfile command, EmailRegistry emails) {
        requireActive();
        requireName(command.name());
        requireEmail(command.email());
        if (!command.email().normalized().equals(email.normalized())) {
            emails.claim(command.email(), customerId);
            emails.release(email, customerId);
        }
        apply(new CustomerProfileUpdated(customerId, command.name().strip(), command.email()));
        return getVersion();
    }

    @CommandHandler
    long handle(DeactivateCustomer command) {
        requireActive();
        apply(new CustomerDeactivated(customerId));
        return getVersion();
    }

    private void requireActive() {
        if (!active) {
            throw new RuleViolation("customer " + customerId + " is deactivated");
        }
    }

    private static void requireName(String name) {
        if (name == null || name.isBlank() || name.strip().length() > MAX_NAME_LENGTH) {
            throw new RuleViolation("a customer's name must be 1 to " + MAX_NAME_LENGTH + " characters");
        }
    }

    private static void requireEmail(Email email) {
        if (email == null) {
            throw new RuleViolation("a customer needs an email address");
        }
    }

    @EventSourcingHandler
    void on(CustomerRegistered event) {
        customerId = event.customerId();
        email = event.email();
        active = true;
    }

    @EventSourcingHandler
    void on(CustomerProfileUpdated event) {
        email = event.email();
    }

    @EventSourcingHandler
    void on(CustomerDeactivated event) {
        active = false;
    }
}
