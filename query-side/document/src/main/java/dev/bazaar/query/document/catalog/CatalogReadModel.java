package dev.bazaar.query.document.catalog;

import dev.bazaar.query.document.rebuild.ReadModel;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** The catalog as a read model that can be rebuilt: the products and the catalog's copy of the reviews. */
@Component
class CatalogReadModel implements ReadModel {

    static final String NAME = "catalog";

    private final ReviewsFollowTheirProduct sequencing;

    CatalogReadModel(ReviewsFollowTheirProduct sequencing) {
        this.sequencing = sequencing;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> collections() {
        return List.of(ProductDocument.COLLECTION, RatedReviews.COLLECTION);
    }

    @Override
    public void createIndexes(MongoTemplate mongo, UnaryOperator<String> collectionOf) {
        // catalog_reviews is only ever read by its primary key, the product id.
        ProductStore.createIndexes(mongo, collectionOf.apply(ProductDocument.COLLECTION));
    }

    /** A review event goes with the events of the product it rates. */
    @Override
    public Optional<SequencingPolicy<? super EventMessage<?>>> sequencingPolicy() {
        return Optional.of(sequencing);
    }
}
