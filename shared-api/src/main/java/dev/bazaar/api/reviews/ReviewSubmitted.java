package dev.bazaar.api.reviews;

import dev.bazaar.api.catalog.ProductId;
import dev.bazaar.api.customer.CustomerId;
import org.axonframework.serialization.Revision;

@Revision("1")
public record ReviewSubmitted(ReviewId reviewId, ProductId productId, CustomerId customerId, int rating, String text) {
}
