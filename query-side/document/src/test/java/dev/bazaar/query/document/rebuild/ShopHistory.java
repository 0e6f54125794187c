package dev.bazaar.query.document.rebuild;

import dev.bazaar.api.catalog.PriceChanged;
import dev.bazaar.api.catalog.ProductAdded;
import dev.bazaar.api.catalog.ProductDetailsChanged;
import dev.bazaar.api.catalog.ProductDiscontinued;
import dev.bazaar.api.catalog.ProductId;
import dev.bazaar.api.catalog.ProductRestocked;
import dev.bazaar.api.catalog.StockReleased;
import dev.bazaar.api.catalog.StockReservationRejected;
import dev.bazaar.api.catalog.StockReserved;
import dev.bazaar.api.common.Money;
import dev.bazaar.api.customer.CustomerId;
import dev.bazaar.api.ordering.OrderId;
import dev.bazaar.api.reviews.ReviewId;
import dev.bazaar.api.reviews.ReviewRemoved;
import dev.bazaar.api.reviews.ReviewSubmitted;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * A shop's history touching every catalog and review event type: products added, changed, priced,
 * restocked, reserved, rejected, released and some discontinued; reviews submitted and some removed.
 * Review events come last, so that the last event of the history is one both processors handle.
 */
final class ShopHistory {

    final String prefix;
    final List<DomainEventMessage<?>> productEvents = new ArrayList<>();
    final List<DomainEventMessage<?>> reviewEvents = new ArrayList<>();

    private ShopHistory(String prefix) {
        this.prefix = prefix;
    }

    /** About {@code products * (9 + 1.3 * reviewsPerProduct)} events. */
    static ShopHistory of(String prefix, int products, int reviewsPerProduct) {
        ShopHistory history = new ShopHistory(prefix);
        Random random = new Random(prefix.hashCode());
        for (int p = 0; p < products; p++) {
            ProductId product = ProductId.of(prefix + "-p" + p);
            OrderId order = OrderId.of(prefix + "-o" + p);
            int stock = 10 + random.nextInt(50);
            long version = 0;
            history.product(product, version++, new ProductAdded(product, "Product " + p, "Made in batch " + prefix,
                    Money.of(100 + random.nextInt(10_000), "EUR"), stock, Map.of("batch", prefix, "colour", "c" + (p % 7))));
            history.product(product, version++, new ProductDetailsChanged(product, "Renamed product " + p, "Now with more " + p,
                    Map.of("batch", prefix, "size", "s" + (p % 3))));
            history.product(product, version++, new PriceChanged(product, Money.of(200 + random.nextInt(10_000), "EUR")));
            history.product(product, version++, new ProductRestocked(product, 5, stock + 5));
            history.product(product, version++, new StockReserved(product, order, 3, Money.of(500, "EUR"), stock + 2));
            history.product(product, version++, new StockReservationRejected(product, order, 1000, stock + 2, "not enough stock"));
            history.product(product, version++, new StockReleased(product, order, 3, stock + 5));
            history.product(product, version++, new PriceChanged(product, Money.of(300 + random.nextInt(10_000), "EUR")));
            if (p % 5 == 0) {
                history.product(product, version, new ProductDiscontinued(product));
            }
            for (int r = 0; r < reviewsPerProduct; r++) {
                ReviewId review = ReviewId.of(prefix + "-p" + p + "-r" + r);
                int rating = 1 + random.nextInt(5);
                history.review(review, 0, new ReviewSubmitted(review, product, CustomerId.of(prefix + "-c" + r), rating, "Review " + r));
                if (r % 3 == 1) {
                    history.review(review, 1, new ReviewRemoved(review, product, rating, "spam"));
                }
            }
        }
        return history;
    }

    int size() {
        return productEvents.size() + reviewEvents.size();
    }

    /** Appends the history through Axon's event store, in commits of a few hundred events. */
    void appendTo(EventStore events) {
        List<DomainEventMessage<?>> all = new ArrayList<>(productEvents);
        all.addAll(reviewEvents);
        for (int from = 0; from < all.size(); from += 250) {
            events.publish(all.subList(from, Math.min(all.size(), from + 250)));
        }
    }

    private void product(ProductId product, long version, Object payload) {
        productEvents.add(new GenericDomainEventMessage<>("Product", product.value(), version, payload));
    }

    private void review(ReviewId review, long version, Object payload) {
        reviewEvents.add(new GenericDomainEventMessage<>("Review", review.value(), version, payload));
    }
}
