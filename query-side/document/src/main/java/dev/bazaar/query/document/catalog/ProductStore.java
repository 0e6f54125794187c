package dev.bazaar.query.document.catalog;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import dev.bazaar.api.catalog.ProductAdded;
import dev.bazaar.api.catalog.RatingSummary;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The {@code products} collection. Every change is written so that applying it again is harmless:
 * a product is inserted once, and a later event changes it only if the document has not yet applied
 * that event's version ({@code version < n}), so a redelivered or older event changes nothing.
 */
@Component
class ProductStore implements InitializingBean {

    static final String VERSION = "version";
    static final String SORT_NAME = "sortName";
    static final String DESCRIPTION = "description";
    static final String NAME = "name";
    static final String ATTRIBUTES = "attributes";
    static final String PRICE_MINOR = "price.amountMinor";
    static final String RATING_AVERAGE = "rating.average";
    static final String RATING_COUNT = "rating.count";

    private final MongoTemplate mongo;

    ProductStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The indexes behind every query the catalog answers; created before any event or query arrives. */
    @Override
    public void afterPropertiesSet() {
        IndexOperations indexes = mongo.indexOps(ProductDocument.class);
        indexes.ensureIndex(new Index().on(ATTRIBUTES + ".name", Sort.Direction.ASC).on(ATTRIBUTES + ".value", Sort.Direction.ASC).named("attributes"));
        indexes.ensureIndex(new Index().on(PRICE_MINOR, Sort.Direction.ASC).named("price"));
        indexes.ensureIndex(new Index().on(SORT_NAME, Sort.Direction.ASC).named("sort_name"));
        indexes.ensureIndex(new Index().on(RATING_AVERAGE, Sort.Direction.DESC).on(RATING_COUNT, Sort.Direction.DESC).named("top_rated"));
    }

    /** Inserts the product unless it is already there (this is then a redelivery). */
    void add(ProductAdded added, long version) {
        try {
            mongo.insert(new ProductDocument(added.productId().value(), added.name(), ProductDocument.sortNameOf(added.name()),
                    added.description(), ProductDocument.Attribute.listOf(added.attributes()), added.price(),
                    added.availableStock(), false, RatingSummary.none(), List.of(), version));
        } catch (DuplicateKeyException alreadyAdded) {
            // Applied before: the stored document already holds this event and possibly later ones.
        }
    }

    /** Applies {@code change} as version {@code version} of the product, unless that version or a later one is applied. */
    void applyIfNewer(String productId, long version, Update change) {
        mongo.updateFirst(query(where("_id").is(productId).and(VERSION).lt(version)), change.set(VERSION, version),
                ProductDocument.class);
    }

    /** Replaces the rating and latest reviews, which are always recomputed whole from the reviews they summarise. */
    void setRating(String productId, RatingSummary rating, List<ProductDocument.LatestReview> latestReviews) {
        mongo.updateFirst(query(where("_id").is(productId)),
                new Update().set("rating", rating).set("latestReviews", latestReviews), ProductDocument.class);
    }

    Optional<ProductDocument> find(String productId) {
        return Optional.ofNullable(mongo.findById(productId, ProductDocument.class));
    }

    List<ProductDocument> findAll(Collection<String> productIds) {
        return mongo.find(query(where("_id").in(productIds)), ProductDocument.class);
    }

    List<ProductDocument> find(Query query) {
        return mongo.find(query, ProductDocument.class);
    }

    long count(Query query) {
        return mongo.count(query, ProductDocument.class);
    }
}
