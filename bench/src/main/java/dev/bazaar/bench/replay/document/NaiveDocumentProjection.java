package dev.bazaar.bench.replay.document;

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
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.stereotype.Component;

/** On each event, the documents it changes are read, changed and saved: one repository round per document. */
@Component
@ProcessingGroup(NaiveDocumentProjection.PROCESSING_GROUP)
class NaiveDocumentProjection {

    static final String PROCESSING_GROUP = "naive-document";

    private final NaiveProducts products;
    private final NaiveReviews reviews;

    NaiveDocumentProjection(NaiveProducts products, NaiveReviews reviews) {
        this.products = products;
        this.reviews = reviews;
    }

    @EventHandler
    void on(ProductAdded event, @SequenceNumber long version) {
        NaiveProduct product = new NaiveProduct(event.productId().value());
        product.name = event.name();
        product.description = event.description();
        product.attributes = event.attributes();
        product.priceMinor = event.price().amountMinor();
        product.currency = event.price().currency();
        product.availableStock = event.availableStock();
        product.version = version;
        products.save(product);
    }

    @EventHandler
    void on(ProductDetailsChanged event, @SequenceNumber long version) {
        change(event.productId(), version, product -> {
            product.name = event.name();
            product.description = event.description();
            product.attributes = event.attributes();
        });
    }

    @EventHandler
    void on(PriceChanged event, @SequenceNumber long version) {
        change(event.productId(), version, product -> {
            product.priceMinor = event.price().amountMinor();
            product.currency = event.price().currency();
        });
    }

    @EventHandler
    void on(ProductRestocked event, @SequenceNumber long version) {
        change(event.productId(), version, product -> product.availableStock = event.availableStock());
    }

    @EventHandler
    void on(StockReserved event, @SequenceNumber long version) {
        change(event.productId(), version, product -> product.availableStock = event.availableStock());
    }

    @EventHandler
    void on(StockReleased event, @SequenceNumber long version) {
        change(event.productId(), version, product -> product.availableStock = event.availableStock());
    }

    @EventHandler
    void on(StockReservationRejected event, @SequenceNumber long version) {
        change(event.productId(), version, product -> product.availableStock = event.availableStock());
    }

    @EventHandler
    void on(ProductDiscontinued event, @SequenceNumber long version) {
        change(event.productId(), version, product -> product.discontinued = true);
    }

    @EventHandler
    void on(ReviewSubmitted event, @SequenceNumber long version) {
        NaiveReview review = new NaiveReview(event.reviewId().value());
        review.productId = event.productId().value();
        review.customerId = event.customerId().value();
        review.rating = event.rating();
        review.text = event.text();
        review.version = version;
        reviews.save(review);
        products.findById(event.productId().value()).ifPresent(product -> {
            product.ratingCount++;
            product.ratingSum += event.rating();
            products.save(product);
        });
    }

    @EventHandler
    void on(ReviewRemoved event, @SequenceNumber long version) {
        reviews.findById(event.reviewId().value()).ifPresent(review -> {
            review.removed = true;
            review.version = version;
            reviews.save(review);
        });
        products.findById(event.productId().value()).ifPresent(product -> {
            product.ratingCount--;
            product.ratingSum -= event.rating();
            products.save(product);
        });
    }

    private void change(ProductId productId, long version, Consumer<NaiveProduct> change) {
        products.findById(productId.value()).ifPresent(product -> {
            change.accept(product);
            product.version = version;
            products.save(product);
        });
    }
}
