package dev.bazaar.query.document.catalog;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import dev.bazaar.query.document.rebuild.Generations;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The {@code products} collection of the live generation, as the catalog's queries read it. The
 * projection writes through {@link CatalogBatch}, into the generation {@link Generations} says.
 */
@Component
class ProductStore {

    static final String VERSION = "version";
    static final String SORT_NAME = "sortName";
    static final String DESCRIPTION = "description";
    static final String NAME = "name";
    static final String ATTRIBUTES = "attributes";
    static final String PRICE_MINOR = "price.amountMinor";
    static final String RATING_AVERAGE = "rating.average";
    static final String RATING_COUNT = "rating.count";

    private final MongoTemplate mongo;
    private final Generations generations;

    ProductStore(MongoTemplate mongo, Generations generations) {
        this.mongo = mongo;
        this.generations = generations;
    }

    /** The indexes behind every query the catalog answers; created for a generation before any event or query reaches it. */
    static void createIndexes(MongoTemplate mongo, String collection) {
        IndexOperations indexes = mongo.indexOps(collection);
        indexes.ensureIndex(new Index().on(ATTRIBUTES + ".name", Sort.Direction.ASC).on(ATTRIBUTES + ".value", Sort.Direction.ASC).named("attributes"));
        indexes.ensureIndex(new Index().on(PRICE_MINOR, Sort.Direction.ASC).named("price"));
        indexes.ensureIndex(new Index().on(SORT_NAME, Sort.Direction.ASC).named("sort_name"));
        indexes.ensureIndex(new Index().on(RATING_AVERAGE, Sort.Direction.DESC).on(RATING_COUNT, Sort.Direction.DESC).named("top_rated"));
    }

    Optional<ProductDocument> find(String productId) {
        return Optional.ofNullable(mongo.findById(productId, ProductDocument.class, collection()));
    }

    List<ProductDocument> findAll(Collection<String> productIds) {
        return mongo.find(query(where("_id").in(productIds)), ProductDocument.class, collection());
    }

    List<ProductDocument> find(Query query) {
        return mongo.find(query, ProductDocument.class, collection());
    }

    long count(Query query) {
        return mongo.count(query, ProductDocument.class, collection());
    }

    private String collection() {
        return generations.readCollection(CatalogReadModel.NAME, ProductDocument.COLLECTION);
    }
}
