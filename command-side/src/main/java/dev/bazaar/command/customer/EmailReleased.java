package dev.bazaar.command.customer;

import dev.bazaar.api.customer.CustomerId;
import org.axonframework.serialization.Revision;

/** A customer gave up an email address (normalised); another may claim it. Internal to the command side. */
@Revision("1")
record EmailReleased(String address, CustomerId customerId) {
}
