package dev.bazaar.query.document.catalog;

import static dev.bazaar.query.document.catalog.CatalogFixture.product;
import static dev.bazaar.query.document.catalog.CatalogFixture.review;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.api.catalog.FindProduct;
import dev.bazaar.api.catalog.PriceChanged;
import dev.bazaar.api.catalog.ProductAdded;
import dev.bazaar.api.catalog.ProductDetailsChanged;
import dev.bazaar.api.catalog.ProductDiscontinued;
import dev.bazaar.api.catalog.ProductId;
import dev.bazaar.api.catalog.ProductRestocked;
import dev.bazaar.api.catalog.ProductView;
import dev.bazaar.api.catalog.RatingSummary;
import dev.bazaar.api.catalog.StockReleased;
import dev.bazaar.api.catalog.StockReservationRejected;
import dev.bazaar.api.catalog.StockReserved;
import dev.bazaar.api.common.Money;
import dev.bazaar.api.customer.CustomerId;
import dev.bazaar.api.ordering.OrderId;
import dev.bazaar.api.reviews.ReviewId;
import dev.bazaar.api.reviews.ReviewRemoved;
import dev.bazaar.api.reviews.ReviewSubmitted;
import dev.bazaar.api.reviews.ReviewView;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.Test;

class CatalogProjectionTest {

    private static final ProductId LAMP = ProductId.of("lamp");
    private static final OrderId ORDER = OrderId.of("order-1");
    private static final Instant T0 = Instant.parse("2026-02-01T10:00:00Z");

    private final CatalogFixture catalog = new CatalogFixture();

    @Test
    void everyProductEventShapesTheProductDocument() {
        catalog.given(
                product("lamp", 0, new ProductAdded(LAMP, "Desk lamp", "A lamp", Money.of(2500, "EUR"), 10, Map.of("colour", "red"))),
                product("lamp", 1, new ProductDetailsChanged(LAMP, "Desk Lamp XL", "A big lamp", Map.of("colour", "blue", "size", "XL"))),
                product("lamp", 2, new PriceChanged(LAMP, Money.of(2999, "EUR"))),
                product("lamp", 3, new ProductRestocked(LAMP, 5, 15)),
                product("lamp", 4, new StockReserved(LAMP, ORDER, 3, Money.of(2999, "EUR"), 12)),
                product("lamp", 5, new StockReservationRejected(LAMP, ORDER, 50, 12, "not enough stock")),
                product("lamp", 6, new StockReleased(LAMP, ORDER, 3, 15)),
                product("lamp", 7, new StockReserved(LAMP, ORDER, 1, Money.of(2999, "EUR"), 14)),
                product("lamp", 8, new ProductDiscontinued(LAMP)));

        ProductView lamp = find(LAMP);
        assertThat(lamp.name()).isEqualTo("Desk Lamp XL");
        assertThat(lamp.description()).isEqualTo("A big lamp");
        assertThat(lamp.attributes()).isEqualTo(Map.of("colour", "blue", "size", "XL"));
        assertThat(lamp.price()).isEqualTo(Money.of(2999, "EUR"));
        assertThat(lamp.availableStock()).isEqualTo(14);
        assertThat(lamp.discontinued()).isTrue();
        assertThat(lamp.rating()).isEqualTo(RatingSummary.none());
        assertThat(lamp.latestReviews()).isEmpty();
        assertThat(lamp.version()).isEqualTo(8);
    }

    @Test
    void eachStepOfTheStockStoryIsTheStockItAnnounces() {
        catalog.given(product("lamp", 0, new ProductAdded(LAMP, "Lamp", "", Money.of(100, "EUR"), 4, Map.of())));
        assertThat(find(LAMP).availableStock()).isEqualTo(4);
        catalog.given(product("lamp", 1, new StockReserved(LAMP, ORDER, 4, Money.of(100, "EUR"), 0)));
        assertThat(find(LAMP).availableStock()).isZero();
        catalog.given(product("lamp", 2, new StockReservationRejected(LAMP, ORDER, 1, 0, "none left")));
        assertThat(find(LAMP).availableStock()).isZero();
        catalog.given(product("lamp", 3, new StockReleased(LAMP, ORDER, 4, 4)));
        assertThat(find(LAMP).availableStock()).isEqualTo(4);
        catalog.given(product("lamp", 4, new ProductRestocked(LAMP, 6, 10)));
        assertThat(find(LAMP).availableStock()).isEqualTo(10);
    }

    @Test
    void everyEventDeliveredTwiceLeavesTheSameDocumentsAsOnce() {
        List<DomainEventMessage<?>> history = mixedHistory();
        catalog.given(history);

        assertThat(catalog.dump()).as("two products and the reviews of each").hasSize(4);

        CatalogFixture twice = new CatalogFixture();
        for (DomainEventMessage<?> event : history) {
            twice.given(event, event);
        }
        assertThat(twice.dump()).isEqualTo(catalog.dump());

        CatalogFixture replayedAfterACrash = new CatalogFixture();
        replayedAfterACrash.given(history.subList(0, 9));
        replayedAfterACrash.given(history);
        assertThat(replayedAfterACrash.dump()).isEqualTo(catalog.dump());

        ProductView lamp = find(LAMP);
        assertThat(lamp.version()).isEqualTo(3);
        assertThat(lamp.availableStock()).isEqualTo(8);
        assertThat(lamp.rating()).isEqualTo(new RatingSummary(2, 4.0, List.of(0L, 0L, 1L, 0L, 1L)));
    }

    @Test
    void anEventOlderThanTheAppliedVersionIsSkipped() {
        DomainEventMessage<?> cheaper = product("lamp", 1, new PriceChanged(LAMP, Money.of(900, "EUR")));
        DomainEventMessage<?> dearer = product("lamp", 2, new PriceChanged(LAMP, Money.of(1500, "EUR")));
        catalog.given(
                product("lamp", 0, new ProductAdded(LAMP, "Lamp", "", Money.of(1000, "EUR"), 1, Map.of())),
                dearer,
                cheaper,
                product("lamp", 0, new ProductAdded(LAMP, "Old lamp", "", Money.of(1, "EUR"), 99, Map.of())));

        ProductView lamp = find(LAMP);
        assertThat(lamp.price()).isEqualTo(Money.of(1500, "EUR"));
        assertThat(lamp.name()).isEqualTo("Lamp");
        assertThat(lamp.availableStock()).isEqualTo(1);
        assertThat(lamp.version()).isEqualTo(2);
    }

    @Test
    void theRatingSummaryCountsAveragesAndHistogramsTheReviewsNotRemoved() {
        catalog.given(product("lamp", 0, new ProductAdded(LAMP, "Lamp", "", Money.of(1000, "EUR"), 1, Map.of())));
        catalog.given(
                submitted("r1", 5, T0),
                submitted("r2", 4, T0.plusSeconds(1)),
                submitted("r3", 4, T0.plusSeconds(2)),
                submitted("r4", 1, T0.plusSeconds(3)));
        assertThat(find(LAMP).rating()).isEqualTo(new RatingSummary(4, 3.5, List.of(1L, 0L, 0L, 2L, 1L)));

        catalog.given(review("r2", 1, new ReviewRemoved(ReviewId.of("r2"), LAMP, 4, "spam"), T0.plusSeconds(10)));
        RatingSummary afterRemoval = find(LAMP).rating();
        assertThat(afterRemoval.count()).isEqualTo(3);
        assertThat(afterRemoval.average()).isEqualTo(10.0 / 3);
        assertThat(afterRemoval.histogram()).containsExactly(1L, 0L, 0L, 1L, 1L);
        assertThat(find(LAMP).version()).as("reviews do not change the product's own version").isZero();
    }

    @Test
    void theProductCarriesItsFiveNewestReviews() {
        catalog.given(product("lamp", 0, new ProductAdded(LAMP, "Lamp", "", Money.of(1000, "EUR"), 1, Map.of())));
        for (int i = 1; i <= 7; i++) {
            catalog.given(submitted("r" + i, 1 + i % 5, T0.plusSeconds(i)));
        }
        assertThat(find(LAMP).latestReviews()).extracting(r -> r.reviewId().value())
                .containsExactly("r7", "r6", "r5", "r4", "r3");
        ReviewView newest = find(LAMP).latestReviews().get(0);
        assertThat(newest).isEqualTo(new ReviewView(ReviewId.of("r7"), LAMP, CustomerId.of("customer-r7"), 3, "text of r7",
                T0.plusSeconds(7)));

        catalog.given(review("r7", 1, new ReviewRemoved(ReviewId.of("r7"), LAMP, 3, "rude"), T0.plusSeconds(20)));
        assertThat(find(LAMP).latestReviews()).extracting(r -> r.reviewId().value())
                .containsExactly("r6", "r5", "r4", "r3", "r2");
    }

    @Test
    void aRedeliveredSubmissionCannotBringARemovedReviewBack() {
        DomainEventMessage<?> submission = submitted("r1", 2, T0);
        catalog.given(
                product("lamp", 0, new ProductAdded(LAMP, "Lamp", "", Money.of(1000, "EUR"), 1, Map.of())),
                submission,
                review("r1", 1, new ReviewRemoved(ReviewId.of("r1"), LAMP, 2, "spam"), T0.plusSeconds(1)),
                submission);
        assertThat(find(LAMP).rating()).isEqualTo(RatingSummary.none());
        assertThat(find(LAMP).latestReviews()).isEmpty();
    }

    @Test
    void reviewsThatArriveBeforeTheirProductAreCountedWhenItIsAdded() {
        catalog.given(submitted("r1", 4, T0));
        catalog.given(product("lamp", 0, new ProductAdded(LAMP, "Lamp", "", Money.of(1000, "EUR"), 1, Map.of())));
        assertThat(find(LAMP).rating().count()).isEqualTo(1);
        assertThat(find(LAMP).latestReviews()).hasSize(1);
    }

    private ProductView find(ProductId productId) {
        return catalog.queries.handle(new FindProduct(productId)).join();
    }

    static DomainEventMessage<?> submitted(String reviewId, int rating, Instant at) {
        return submitted(reviewId, LAMP, rating, at);
    }

    static DomainEventMessage<?> submitted(String reviewId, ProductId productId, int rating, Instant at) {
        return review(reviewId, 0, new ReviewSubmitted(ReviewId.of(reviewId), productId, CustomerId.of("customer-" + reviewId),
                rating, "text of " + reviewId), at);
    }

    private static List<DomainEventMessage<?>> mixedHistory() {
        ProductId desk = ProductId.of("desk");
        return List.of(
                product("lamp", 0, new ProductAdded(LAMP, "Lamp", "Bright", Money.of(1000, "EUR"), 10, Map.of("colour", "red"))),
                product("desk", 0, new ProductAdded(desk, "Desk", "Oak", Money.of(20000, "EUR"), 2, Map.of())),
                submitted("r1", 5, T0),
                product("lamp", 1, new StockReserved(LAMP, ORDER, 2, Money.of(1000, "EUR"), 8)),
                submitted("r2", 2, T0.plusSeconds(1)),
                submitted("r3", desk, 4, T0.plusSeconds(2)),
                product("lamp", 2, new ProductDetailsChanged(LAMP, "Lamp", "Brighter", Map.of("colour", "red", "plug", "EU"))),
                review("r2", 1, new ReviewRemoved(ReviewId.of("r2"), LAMP, 2, "spam"), T0.plusSeconds(3)),
                product("desk", 1, new ProductDiscontinued(desk)),
                submitted("r4", 3, T0.plusSeconds(4)),
                product("lamp", 3, new PriceChanged(LAMP, Money.of(1200, "EUR"))));
    }
}
