package dev.bazaar.query.document.catalog;

import dev.bazaar.query.document.MongoTestDatabases;
import dev.bazaar.query.document.rebuild.AppliedEvents;
import dev.bazaar.query.document.rebuild.Generations;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The catalog read model on a database of its own, fed events through Axon's annotated handler adapter. */
final class CatalogFixture {

    final MongoTemplate mongo;
    final Generations generations;
    final ProductStore products;
    final ProductVersionGate versions;
    final CatalogQueries queries;
    private final AnnotationEventHandlerAdapter projection;

    CatalogFixture() {
        this(Duration.ofSeconds(5), Duration.ofMillis(50));
    }

    CatalogFixture(Duration readYourWritesTimeout, Duration pollInterval) {
        this(MongoTestDatabases.fresh(), readYourWritesTimeout, pollInterval);
    }

    /** A second instance of the catalog on the same database, as when the service runs twice. */
    CatalogFixture(MongoTemplate mongo, Duration readYourWritesTimeout, Duration pollInterval) {
        this.mongo = mongo;
        generations = new Generations(mongo);
        new CatalogReadModel(new ReviewsFollowTheirProduct()).createIndexes(mongo, base -> generations.readCollection(CatalogReadModel.NAME, base));
        products = new ProductStore(mongo, generations);
        versions = new ProductVersionGate(products, new ReadYourWritesProperties(readYourWritesTimeout, pollInterval));
        queries = new CatalogQueries(products, versions);
        projection = new AnnotationEventHandlerAdapter(new CatalogProjection(mongo, generations, versions,
                new AppliedEvents(new SimpleMeterRegistry())));
    }

    void given(DomainEventMessage<?>... events) {
        given(List.of(events));
    }

    void given(List<DomainEventMessage<?>> events) {
        for (DomainEventMessage<?> event : events) {
            try {
                projection.handle(event);
            } catch (Exception e) {
                throw new IllegalStateException("The projection failed on " + event.getPayload(), e);
            }
        }
    }

    List<Document> dump() {
        return List.of(MongoTestDatabases.dump(mongo, generations.readCollection(CatalogReadModel.NAME, ProductDocument.COLLECTION)),
                        MongoTestDatabases.dump(mongo, generations.readCollection(CatalogReadModel.NAME, RatedReviews.COLLECTION)))
                .stream().flatMap(List::stream).toList();
    }

    static DomainEventMessage<?> product(String productId, long version, Object payload) {
        return event("Product", productId, version, payload, Instant.parse("2026-01-01T00:00:00Z").plusSeconds(version));
    }

    static DomainEventMessage<?> review(String reviewId, long version, Object payload, Instant at) {
        return event("Review", reviewId, version, payload, at);
    }

    private static DomainEventMessage<?> event(String type, String id, long version, Object payload, Instant at) {
        return new GenericDomainEventMessage<>(type, id, version, payload, Map.of(), UUID.randomUUID().toString(), at);
    }
}
