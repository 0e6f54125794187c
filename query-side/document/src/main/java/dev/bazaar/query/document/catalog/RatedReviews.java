package dev.bazaar.query.document.catalog;

import static org.springframework.data.mongodb.core.aggregation.Aggregation.group;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.match;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.newAggregation;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import dev.bazaar.api.catalog.RatingSummary;
import dev.bazaar.api.reviews.ReviewRemoved;
import dev.bazaar.api.reviews.ReviewSubmitted;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The reviews as the catalog knows them, one document per review ({@code catalog_reviews}), from
 * which a product's rating summary and latest reviews are computed.
 *
 * <p>The catalog keeps its own copy rather than reading the reviews read model, because each read
 * model is rebuilt on its own. Computing the summary from these documents, instead of incrementing
 * counters, is what makes a redelivered review event harmless: the review is stored once, keyed by its
 * id, and the summary is whatever the stored reviews say. A removed review stays as a marker, so that
 * a redelivered submission cannot bring it back.
 */
@Component
class RatedReviews implements InitializingBean {

    static final int LATEST = 5;

    @Document(RatedReview.COLLECTION)
    record RatedReview(@Id String id, String productId, String customerId, int rating, String text, Instant submittedAt,
                       boolean removed, long version) {

        static final String COLLECTION = "catalog_reviews";
    }

    record RatingCount(@Id int rating, long count) {
    }

    private final MongoTemplate mongo;

    RatedReviews(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        mongo.indexOps(RatedReview.class).ensureIndex(new Index()
                .on("productId", Sort.Direction.ASC).on("submittedAt", Sort.Direction.DESC).named("product_newest_first"));
    }

    void submitted(ReviewSubmitted review, long version, Instant submittedAt) {
        try {
            mongo.insert(new RatedReview(review.reviewId().value(), review.productId().value(), review.customerId().value(),
                    review.rating(), review.text(), submittedAt, false, version));
        } catch (DuplicateKeyException alreadyStored) {
            // Applied before.
        }
    }

    void removed(ReviewRemoved removal, long version) {
        mongo.updateFirst(query(where("_id").is(removal.reviewId().value()).and("version").lt(version)),
                new Update().set("removed", true).set("version", version), RatedReview.class);
    }

    RatingSummary summaryOf(String productId) {
        List<RatingCount> counts = mongo.aggregate(
                newAggregation(match(visibleOf(productId)), group("rating").count().as("count")),
                RatedReview.class, RatingCount.class).getMappedResults();
        List<Long> histogram = new ArrayList<>(Collections.nCopies(5, 0L));
        long total = 0;
        long sum = 0;
        for (RatingCount count : counts) {
            histogram.set(count.rating() - 1, count.count());
            total += count.count();
            sum += (long) count.rating() * count.count();
        }
        return total == 0 ? RatingSummary.none() : new RatingSummary(total, (double) sum / total, histogram);
    }

    List<ProductDocument.LatestReview> latestOf(String productId) {
        return mongo.find(query(visibleOf(productId))
                        .with(Sort.by(Sort.Order.desc("submittedAt"), Sort.Order.desc("_id"))).limit(LATEST), RatedReview.class)
                .stream()
                .map(r -> new ProductDocument.LatestReview(r.id(), r.customerId(), r.rating(), r.text(), r.submittedAt()))
                .toList();
    }

    private static Criteria visibleOf(String productId) {
        return where("productId").is(productId).and("removed").is(false);
    }
}
