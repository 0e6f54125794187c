package dev.bazaar.query.relational.customer;

import dev.bazaar.api.customer.CustomerDeactivated;
import dev.bazaar.api.customer.CustomerProfileUpdated;
import dev.bazaar.api.customer.CustomerRegistered;
import dev.bazaar.query.relational.freshness.AppliedVersions;
import java.time.Instant;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Customers as rows. Each row remembers the last event of its customer it applied, so an event delivered
 * again (tracking processors deliver at least once) or out of date is skipped and the row stays as it was.
 */
@Component
@ProcessingGroup(CustomerProjection.PROCESSING_GROUP)
class CustomerProjection {

    static final String PROCESSING_GROUP = "customers";

    private static final Logger log = LoggerFactory.getLogger(CustomerProjection.class);

    private final CustomerRows customers;
    private final AppliedVersions versions;

    CustomerProjection(CustomerRows customers, AppliedVersions versions) {
        this.customers = customers;
        this.versions = versions;
    }

    @EventHandler
    void on(CustomerRegistered event, @SequenceNumber long version, @Timestamp Instant at) {
        String id = event.customerId().value();
        if (customers.existsById(id)) {
            return;
        }
        customers.save(new CustomerRow(id, event.name(), event.email().value(), at, version));
        versions.applied(PROCESSING_GROUP, id, version);
    }

    @EventHandler
    void on(CustomerProfileUpdated event, @SequenceNumber long version) {
        notYetApplied(event.customerId().value(), version)
                .ifPresent(customer -> customer.profileUpdated(event.name(), event.email().value(), version));
    }

    @EventHandler
    void on(CustomerDeactivated event, @SequenceNumber long version) {
        notYetApplied(event.customerId().value(), version).ifPresent(customer -> customer.deactivated(version));
    }

    /** The customer's row when this event is news to it; the caller changes it in the current transaction. */
    private Optional<CustomerRow> notYetApplied(String id, long version) {
        Optional<CustomerRow> customer = customers.findById(id);
        if (customer.isEmpty()) {
            log.warn("Event {} of customer {} arrived before the customer was registered; skipped", version, id);
            return Optional.empty();
        }
        if (customer.get().hasApplied(version)) {
            return Optional.empty();
        }
        versions.applied(PROCESSING_GROUP, id, version);
        return customer;
    }
}
