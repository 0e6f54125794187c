package dev.bazaar.api.customer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record UpdateCustomerProfile(@TargetAggregateIdentifier CustomerId customerId, String name, Email email) {
}
