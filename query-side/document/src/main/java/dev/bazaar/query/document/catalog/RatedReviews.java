package dev.bazaar.query.document.catalog;

import dev.bazaar.api.catalog.RatingSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.bson.Document;
import org.springframework.data.annotation.Id;

/**
 * The reviews as the catalog knows them, one document per product holding all of its reviews
 * ({@code catalog_reviews}, keyed by the product id), from which the product's rating summary and
 * latest reviews are computed.
 *
 * <p>The catalog keeps its own copy rather than reading the reviews read model, because each read
 * model is rebuilt on its own. Computing the summary from these reviews, instead of incrementing
 * counters, is what makes a redelivered review event harmless: a review is kept once, by its id, and
 * the summary is whatever the kept reviews say. A removed review stays as a marker, so that a
 * redelivered submission cannot bring it back. Keyed by product, a batch loads the reviews of the
 * products it touches by their ids, which any MongoDB (and the embedded server, which ignores
 * secondary indexes) answers from the primary key instead of a scan.
 */
final class RatedReviews {

    static final int LATEST = 5;
    static final String COLLECTION = "catalog_reviews";

    /** The document of one product: its reviews, by review id. */
    record ProductReviews(@Id String productId, List<RatedReview> reviews) {

        /** As Spring Data lays this record out; built by hand for the reason {@link ProductDocument#toBson()} gives. */
        Document toBson() {
            return new Document("_id", productId).append("reviews", reviews.stream().map(RatedReview::toBson).toList());
        }
    }

    record RatedReview(String reviewId, String customerId, int rating, String text, Instant submittedAt, boolean removed,
                       long version) {

        RatedReview removedAt(long removalVersion) {
            return new RatedReview(reviewId, customerId, rating, text, submittedAt, true, removalVersion);
        }

        Document toBson() {
            return BsonFields.withoutNulls(new Document("reviewId", reviewId).append("customerId", customerId).append("rating", rating)
                    .append("text", text).append("submittedAt", BsonFields.date(submittedAt)).append("removed", removed)
                    .append("version", version));
        }

        static RatedReview fromBson(Document bson) {
            return new RatedReview(bson.getString("reviewId"), bson.getString("customerId"), BsonFields.intOf(bson, "rating"),
                    bson.getString("text"), BsonFields.instant(bson, "submittedAt"), Boolean.TRUE.equals(bson.getBoolean("removed")),
                    BsonFields.longOf(bson, "version"));
        }
    }

    /** Newest first, then by id (descending), as a product page lists them. */
    private static final Comparator<RatedReview> NEWEST_FIRST = Comparator.comparing(RatedReview::submittedAt)
            .thenComparing(RatedReview::reviewId).reversed();

    private RatedReviews() {
    }

    /** The rating summary of a product, from all of its stored reviews. */
    static RatingSummary summaryOf(Collection<RatedReview> reviews) {
        List<Long> histogram = new ArrayList<>(Collections.nCopies(5, 0L));
        long total = 0;
        long sum = 0;
        for (RatedReview review : reviews) {
            if (!review.removed()) {
                histogram.set(review.rating() - 1, histogram.get(review.rating() - 1) + 1);
                total++;
                sum += review.rating();
            }
        }
        return total == 0 ? RatingSummary.none() : new RatingSummary(total, (double) sum / total, histogram);
    }

    static List<ProductDocument.LatestReview> latestOf(Collection<RatedReview> reviews) {
        return reviews.stream()
                .filter(r -> !r.removed())
                .sorted(NEWEST_FIRST)
                .limit(LATEST)
                .map(r -> new ProductDocument.LatestReview(r.reviewId(), r.customerId(), r.rating(), r.text(), r.submittedAt()))
                .toList();
    }
}
