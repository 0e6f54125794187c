package dev.bazaar.query.document.reviews;

import dev.bazaar.query.document.rebuild.ReadModel;
import java.util.List;
import java.util.function.UnaryOperator;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** The reviews as a read model that can be rebuilt: one collection. */
@Component
class ReviewsReadModel implements ReadModel {

    static final String NAME = "reviews";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> collections() {
        return List.of(ReviewDocument.COLLECTION);
    }

    @Override
    public void createIndexes(MongoTemplate mongo, UnaryOperator<String> collectionOf) {
        ReviewStore.createIndexes(mongo, collectionOf.apply(ReviewDocument.COLLECTION));
    }
}
