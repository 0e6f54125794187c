package dev.bazaar.command.customer;

import dev.bazaar.api.customer.CustomerId;
import dev.bazaar.api.customer.Email;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.Repository;

/**
 * Claims and releases email addresses for the customer aggregate, inside the unit of work of the
 * customer's command, so that the claim and the customer's event are stored together or not at all.
 * Claims have no command handlers of their own: only this registry changes them.
 */
class EmailRegistry {

    private final Repository<EmailClaim> claims;

    EmailRegistry(EventStore eventStore) {
        this.claims = EventSourcingRepository.builder(EmailClaim.class).eventStore(eventStore).build();
    }

    void claim(Email email, CustomerId customerId) {
        try {
            claims.loadOrCreate(email.normalized(), EmailClaim::new).execute(claim -> claim.claimFor(customerId, email));
        } catch (Exception e) {
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        }
    }

    void release(Email email, CustomerId customerId) {
        claims.load(email.normalized()).execute(claim -> claim.releaseBy(customerId));
    }
}
