package dev.bazaar.api.customer;

import org.axonframework.serialization.Revision;

@Revision("1")
public record CustomerProfileUpdated(CustomerId customerId, String name, Email email) {
}
