package dev.bazaar.api.customer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RegisterCustomer(@TargetAggregateIdentifier CustomerId customerId, String name, Email email) {
}
