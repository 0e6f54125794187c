package dev.bazaar.bench.replay.document;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** A review of the naive projection: one document per review. */
@Document("naive_reviews")
class NaiveReview {

    @Id
    String reviewId;
    String productId;
    String customerId;
    int rating;
    String text;
    boolean removed;
    long version;

    NaiveReview(String reviewId) {
        this.reviewId = reviewId;
    }
}
