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
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The catalog read model: on each product event, the product document changes; on each review event,
 * the product's rating and latest reviews are recomputed. Reviews are sequenced with their product
 * ({@link ReviewsFollowTheirProduct}), so one product's document is only ever written by one thread.
 */
@Component
@ProcessingGroup(CatalogProjection.PROCESSING_GROUP)
class CatalogProjection {

    static final String PROCESSING_GROUP = "catalog";

    private final ProductStore products;
    private final RatedReviews reviews;
    private final ProductVersionGate versions;

    CatalogProjection(ProductStore products, RatedReviews reviews, ProductVersionGate versions) {
        this.products = products;
        this.reviews = reviews;
        this.versions = versions;
    }

    @EventHandler
    void on(ProductAdded event, @SequenceNumber long version) {
        products.add(event, version);
        // A review can be submitted for a product the catalog has not seen yet; it counts from the start.
        refreshRating(event.productId().value());
        versions.applied(event.productId(), version);
    }

    @EventHandler
    void on(ProductDetailsChanged event, @SequenceNumber long version) {
        apply(event.productId(), version, new Update()
                .set(ProductStore.NAME, event.name())
                .set(ProductStore.SORT_NAME, ProductDocument.sortNameOf(event.name()))
                .set(ProductStore.DESCRIPTION, event.description())
                .set(ProductStore.ATTRIBUTES, ProductDocument.Attribute.listOf(event.attributes())));
    }

    @EventHandler
    void on(PriceChanged event, @SequenceNumber long version) {
        apply(event.productId(), version, new Update().set("price", event.price()));
    }

    @EventHandler
    void on(ProductRestocked event, @SequenceNumber long version) {
        applyStock(event.productId(), version, event.availableStock());
    }

    @EventHandler
    void on(StockReserved event, @SequenceNumber long version) {
        applyStock(event.productId(), version, event.availableStock());
    }

    @EventHandler
    void on(StockReleased event, @SequenceNumber long version) {
        applyStock(event.productId(), version, event.availableStock());
    }

    @EventHandler
    void on(StockReservationRejected event, @SequenceNumber long version) {
        applyStock(event.productId(), version, event.availableStock());
    }

    @EventHandler
    void on(ProductDiscontinued event, @SequenceNumber long version) {
        apply(event.productId(), version, new Update().set("discontinued", true));
    }

    @EventHandler
    void on(ReviewSubmitted event, @SequenceNumber long version, @Timestamp Instant submittedAt) {
        reviews.submitted(event, version, submittedAt);
        refreshRating(event.productId().value());
    }

    @EventHandler
    void on(ReviewRemoved event, @SequenceNumber long version) {
        reviews.removed(event, version);
        refreshRating(event.productId().value());
    }

    private void applyStock(ProductId productId, long version, int availableStock) {
        apply(productId, version, new Update().set("availableStock", availableStock));
    }

    private void apply(ProductId productId, long version, Update change) {
        products.applyIfNewer(productId.value(), version, change);
        versions.applied(productId, version);
    }

    private void refreshRating(String productId) {
        products.setRating(productId, reviews.summaryOf(productId), reviews.latestOf(productId));
    }
}
