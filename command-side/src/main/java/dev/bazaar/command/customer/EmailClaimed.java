package dev.bazaar.command.customer;

import dev.bazaar.api.customer.CustomerId;
import org.axonframework.serialization.Revision;

/** An email address (normalised) now belongs to a customer. Internal to the command side. */
@Revision("1")
record EmailClaimed(String address, CustomerId customerId) {
}
