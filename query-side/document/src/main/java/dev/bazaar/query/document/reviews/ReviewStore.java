package dev.bazaar.query.document.reviews;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import dev.bazaar.api.common.PageRequest;
import dev.bazaar.query.document.rebuild.Generations;
import java.util.List;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** The {@code reviews} collection of the live generation, as the queries read it; {@link ReviewBatch} writes it. */
@Component
class ReviewStore {

    private final MongoTemplate mongo;
    private final Generations generations;

    ReviewStore(MongoTemplate mongo, Generations generations) {
        this.mongo = mongo;
        this.generations = generations;
    }

    static void createIndexes(MongoTemplate mongo, String collection) {
        mongo.indexOps(collection).ensureIndex(new Index().on("productId", Sort.Direction.ASC)
                .on("removed", Sort.Direction.ASC).on("submittedAt", Sort.Direction.DESC).named("product_newest_first"));
    }

    /** A page of the product's reviews that are not removed, newest first. */
    List<ReviewDocument> pageOf(String productId, PageRequest page) {
        return mongo.find(visibleOf(productId)
                .with(Sort.by(Sort.Order.desc("submittedAt"), Sort.Order.desc("_id")))
                .skip(page.offset()).limit(page.size()), ReviewDocument.class, collection());
    }

    long countOf(String productId) {
        return mongo.count(visibleOf(productId), ReviewDocument.class, collection());
    }

    private String collection() {
        return generations.readCollection(ReviewsReadModel.NAME, ReviewDocument.COLLECTION);
    }

    private static Query visibleOf(String productId) {
        return query(where("productId").is(productId).and("removed").is(false));
    }
}
