package dev.bazaar.query.document.reviews;

import dev.bazaar.api.catalog.ProductId;
import dev.bazaar.api.customer.CustomerId;
import dev.bazaar.api.reviews.ReviewId;
import dev.bazaar.api.reviews.ReviewView;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.springframework.data.annotation.Id;

/**
 * One review. A removed review is kept with {@code removed} set (and left out of every answer), so
 * that a redelivered submission finds it and cannot bring it back. {@code version} is the sequence
 * number of the last event of the review applied.
 */
record ReviewDocument(@Id String id, String productId, String customerId, int rating, String text, Instant submittedAt,
                      boolean removed, String removalReason, long version) {

    static final String COLLECTION = "reviews";

    /**
     * The document as stored, laid out as Spring Data writes this record (the queries read it through Spring
     * Data): built by hand, because a rebuild writes hundreds of thousands of them and Spring Data's reflective
     * mapping of records is costly at that rate.
     */
    Document toBson() {
        Document bson = new Document("_id", id).append("productId", productId).append("customerId", customerId).append("rating", rating)
                .append("text", text).append("submittedAt", submittedAt == null ? null : Date.from(submittedAt)).append("removed", removed)
                .append("removalReason", removalReason).append("version", version);
        bson.values().removeIf(value -> value == null);
        return bson;
    }

    ReviewView toView() {
        return new ReviewView(ReviewId.of(id), ProductId.of(productId), CustomerId.of(customerId), rating, text, submittedAt);
    }
}
