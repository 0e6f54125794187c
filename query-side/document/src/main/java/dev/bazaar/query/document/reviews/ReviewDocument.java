package dev.bazaar.query.document.reviews;

import dev.bazaar.api.catalog.ProductId;
import dev.bazaar.api.customer.CustomerId;
import dev.bazaar.api.reviews.ReviewId;
import dev.bazaar.api.reviews.ReviewView;
import java.time.Instant;
import org.springframework.data.annotation.Id;

/**
 * One review. A removed review is kept with {@code removed} set (and left out of every answer), so
 * that a redelivered submission finds it and cannot bring it back. {@code version} is the sequence
 * number of the last event of the review applied.
 */
record ReviewDocument(@Id String id, String productId, String customerId, int rating, String text, Instant submittedAt,
                      boolean removed, String removalReason, long version) {

    static final String COLLECTION = "reviews";

    ReviewDocument removedAt(long removalVersion, String reason) {
        return new ReviewDocument(id, productId, customerId, rating, text, submittedAt, true, reason, removalVersion);
    }

    ReviewView toView() {
        return new ReviewView(ReviewId.of(id), ProductId.of(productId), CustomerId.of(customerId), rating, text, submittedAt);
    }
}
