package dev.bazaar.api.reviews;

import dev.bazaar.api.catalog.ProductId;
import dev.bazaar.api.customer.CustomerId;
import java.time.Instant;

public record ReviewView(ReviewId reviewId, ProductId productId, CustomerId customerId, int rating, String text,
                         Instant submittedAt) {
}
