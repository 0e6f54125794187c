package dev.bazaar.query.document.catalog;

import dev.bazaar.api.catalog.PriceChanged;
import dev.bazaar.api.catalog.ProductAdded;
import dev.bazaar.api.catalog.ProductDetailsChanged;
import dev.bazaar.api.catalog.ProductDiscontinued;
import dev.bazaar.api.catalog.ProductId;
import dev.bazaar.api.catalog.ProductRestocked;
import dev.bazaar.api.catalog.StockReleased;
import dev.bazaar.api.catalog.StockReservationRejected;
import dev.bazaar.api.catalog.StockReserved;
import dev.bazaar.api.reviews.ReviewRemoved;
import dev.bazaar.api.reviews.ReviewSubmitted;
import dev.bazaar.query.document.rebuild.AppliedEvents;
import dev.bazaar.query.document.rebuild.Generations;
import dev.bazaar.query.document.rebuild.UnitOfWorkBatch;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The catalog read model: on each product event, the product document changes; on each review event,
 * the product's rating and latest reviews are recomputed. Reviews are sequenced with their product
 * ({@link ReviewsFollowTheirProduct}), so one product's document is only ever written by one thread.
 * The changes of a processor batch are written together ({@link CatalogBatch}) into the generation
 * being written ({@link Generations#writeCollection}).
 */
@Component
@ProcessingGroup(CatalogReadModel.NAME)
class CatalogProjection {

    private final MongoTemplate mongo;
    private final Generations generations;
    private final ProductVersionGate versions;
    private final AppliedEvents appliedEvents;

    CatalogProjection(MongoTemplate mongo, Generations generations, ProductVersionGate versions, AppliedEvents appliedEvents) {
        this.mongo = mongo;
        this.generations = generations;
        this.versions = versions;
        this.appliedEvents = appliedEvents;
    }

    @EventHandler
    void on(ProductAdded event, @SequenceNumber long version) {
        inBatch(batch -> batch.add(event, version));
    }

    @EventHandler
    void on(ProductDetailsChanged event, @SequenceNumber long version) {
        inBatch(batch -> batch.changeIfNewer(event.productId(), version,
                p -> p.withDetails(event.name(), event.description(), ProductDocument.Attribute.listOf(event.attributes()))));
    }

    @EventHandler
    void on(PriceChanged event, @SequenceNumber long version) {
        inBatch(batch -> batch.changeIfNewer(event.productId(), version, p -> p.withPrice(event.price())));
    }

    @EventHandler
    void on(ProductRestocked event, @SequenceNumber long version) {
        inBatch(batch -> batch.changeIfNewer(event.productId(), version, p -> p.withAvailableStock(event.availableStock())));
    }

    @EventHandler
    void on(StockReserved event, @SequenceNumber long version) {
        inBatch(batch -> batch.changeIfNewer(event.productId(), version, p -> p.withAvailableStock(event.availableStock())));
    }

    @EventHandler
    void on(StockReleased event, @SequenceNumber long version) {
        inBatch(batch -> batch.changeIfNewer(event.productId(), version, p -> p.withAvailableStock(event.availableStock())));
    }

    @EventHandler
    void on(StockReservationRejected event, @SequenceNumber long version) {
        inBatch(batch -> batch.changeIfNewer(event.productId(), version, p -> p.withAvailableStock(event.availableStock())));
    }

    @EventHandler
    void on(ProductDiscontinued event, @SequenceNumber long version) {
        inBatch(batch -> batch.changeIfNewer(event.productId(), version, ProductDocument::discontinue));
    }

    @EventHandler
    void on(ReviewSubmitted event, @SequenceNumber long version, @Timestamp Instant submittedAt) {
        inBatch(batch -> batch.submitted(event, version, submittedAt));
    }

    @EventHandler
    void on(ReviewRemoved event, @SequenceNumber long version) {
        inBatch(batch -> batch.removed(event, version));
    }

    /** The product a product event is about, for loading a batch's products up front. */
    static Optional<ProductId> productOf(Object payload) {
        if (payload instanceof ProductDetailsChanged e) {
            return Optional.of(e.productId());
        } else if (payload instanceof PriceChanged e) {
            return Optional.of(e.productId());
        } else if (payload instanceof ProductRestocked e) {
            return Optional.of(e.productId());
        } else if (payload instanceof StockReserved e) {
            return Optional.of(e.productId());
        } else if (payload instanceof StockReleased e) {
            return Optional.of(e.productId());
        } else if (payload instanceof StockReservationRejected e) {
            return Optional.of(e.productId());
        } else if (payload instanceof ProductDiscontinued e) {
            return Optional.of(e.productId());
        }
        return Optional.empty();
    }

    private void inBatch(Consumer<CatalogBatch> change) {
        UnitOfWorkBatch.apply(CatalogBatch.RESOURCE, events -> new WrittenBatch(new CatalogBatch(mongo,
                generations.writeCollection(CatalogReadModel.NAME, ProductDocument.COLLECTION),
                generations.writeCollection(CatalogReadModel.NAME, RatedReviews.COLLECTION), events)),
                written -> change.accept(written.batch));
    }

    /** A batch that, once written, counts its events and wakes the read-your-writes waits on its products. */
    private final class WrittenBatch implements UnitOfWorkBatch.Changes {

        private final CatalogBatch batch;

        private WrittenBatch(CatalogBatch batch) {
            this.batch = batch;
        }

        @Override
        public void flush() {
            batch.flush();
            appliedEvents.applied(CatalogReadModel.NAME, batch.events());
            batch.appliedVersions().forEach((productId, version) -> versions.applied(ProductId.of(productId), version));
        }
    }
}
