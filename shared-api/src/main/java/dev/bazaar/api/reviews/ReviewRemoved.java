package dev.bazaar.api.reviews;

import dev.bazaar.api.catalog.ProductId;
import org.axonframework.serialization.Revision;

@Revision("1")
public record ReviewRemoved(ReviewId reviewId, ProductId productId, int rating, String reason) {
}
