package dev.bazaar.query.document.reviews;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import dev.bazaar.api.common.PageRequest;
import dev.bazaar.api.reviews.ReviewRemoved;
import dev.bazaar.api.reviews.ReviewSubmitted;
import java.time.Instant;
import java.util.List;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** The {@code reviews} collection; like the catalog, every write is safe to repeat. */
@Component
class ReviewStore implements InitializingBean {

    private final MongoTemplate mongo;

    ReviewStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        mongo.indexOps(ReviewDocument.class).ensureIndex(new Index().on("productId", Sort.Direction.ASC)
                .on("removed", Sort.Direction.ASC).on("submittedAt", Sort.Direction.DESC).named("product_newest_first"));
    }

    void submitted(ReviewSubmitted review, long version, Instant submittedAt) {
        try {
            mongo.insert(new ReviewDocument(review.reviewId().value(), review.productId().value(), review.customerId().value(),
                    review.rating(), review.text(), submittedAt, false, null, version));
        } catch (DuplicateKeyException alreadyStored) {
            // Applied before.
        }
    }

    void removed(ReviewRemoved removal, long version) {
        mongo.updateFirst(query(where("_id").is(removal.reviewId().value()).and("version").lt(version)),
                new Update().set("removed", true).set("removalReason", removal.reason()).set("version", version),
                ReviewDocument.class);
    }

    /** A page of the product's reviews that are not removed, newest first. */
    List<ReviewDocument> pageOf(String productId, PageRequest page) {
        return mongo.find(visibleOf(productId)
                .with(Sort.by(Sort.Order.desc("submittedAt"), Sort.Order.desc("_id")))
                .skip(page.offset()).limit(page.size()), ReviewDocument.class);
    }

    long countOf(String productId) {
        return mongo.count(visibleOf(productId), ReviewDocument.class);
    }

    private static Query visibleOf(String productId) {
        return query(where("productId").is(productId).and("removed").is(false));
    }
}
