package dev.bazaar.api.customer;

import org.axonframework.serialization.Revision;

@Revision("1")
public record CustomerDeactivated(CustomerId customerId) {
}
