package dev.bazaar.api.customer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DeactivateCustomer(@TargetAggregateIdentifier CustomerId customerId) {
}
