package dev.bazaar.api.reviews;

import dev.bazaar.api.catalog.ProductId;
import dev.bazaar.api.customer.CustomerId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record SubmitReview(@TargetAggregateIdentifier ReviewId reviewId, ProductId productId, CustomerId customerId, int rating, String text) {
}
