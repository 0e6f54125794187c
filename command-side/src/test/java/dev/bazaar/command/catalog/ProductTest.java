package dev.bazaar.command.catalog;

import dev.bazaar.api.catalog.AddProduct;
import dev.bazaar.api.catalog.ChangePrice;
import dev.bazaar.api.catalog.ChangeProductDetails;
import dev.bazaar.api.catalog.DiscontinueProduct;
import dev.bazaar.api.catalog.PriceChanged;
import dev.bazaar.api.catalog.ProductAdded;
import dev.bazaar.api.catalog.ProductDetailsChanged;
import dev.bazaar.api.catalog.ProductDiscontinued;
import dev.bazaar.api.catalog.ProductId;
import dev.bazaar.api.catalog.ProductRestocked;
import dev.bazaar.api.catalog.ReleaseStock;
import dev.bazaar.api.catalog.ReserveStock;
import dev.bazaar.api.catalog.RestockProduct;
import dev.bazaar.api.catalog.StockReleased;
import dev.bazaar.api.catalog.StockReservationRejected;
import dev.bazaar.api.catalog.StockReserved;
import dev.bazaar.api.common.Money;
import dev.bazaar.api.ordering.OrderId;
import dev.bazaar.command.rules.RuleViolation;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProductTest {

    private static final ProductId MUG = ProductId.of("mug");
    private static final OrderId ORDER = OrderId.of("order-1");
    private static final Money PRICE = Money.of(1250, "EUR");
    private static final ProductAdded MUG_ADDED = new ProductAdded(MUG, "Mug", "A mug", PRICE, 5, Map.of("colour", "blue"));

    private AggregateTestFixture<Product> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Product.class);
    }

    @Test
    void addingAProductPutsItsStockOnSale() {
        fixture.givenNoPriorActivity()
                .when(new AddProduct(MUG, "Mug", "A mug", PRICE, 5, Map.of("colour", "blue")))
                .expectEvents(MUG_ADDED);
    }

    @Test
    void aProductCannotBeFree() {
        fixture.givenNoPriorActivity()
                .when(new AddProduct(MUG, "Mug", "A mug", Money.of(0, "EUR"), 5, Map.of()))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage("a price must be greater than zero");
    }

    @Test
    void aProductCannotStartWithNegativeStock() {
        fixture.givenNoPriorActivity()
                .when(new AddProduct(MUG, "Mug", "A mug", PRICE, -1, Map.of()))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage("initial stock must not be negative");
    }

    @Test
    void aProductNeedsAName() {
        fixture.givenNoPriorActivity()
                .when(new AddProduct(MUG, " ", "A mug", PRICE, 5, Map.of()))
                .expectNoEvents()
                .expectException(RuleViolation.class);
    }

    @Test
    void changingDetailsAnswersTheNewVersion() {
        fixture.given(MUG_ADDED)
                .when(new ChangeProductDetails(MUG, "Big mug", "A big mug", Map.of("size", "L")))
                .expectEvents(new ProductDetailsChanged(MUG, "Big mug", "A big mug", Map.of("size", "L")))
                .expectResultMessagePayload(1L);
    }

    @Test
    void detailsOfADiscontinuedProductCannotChange() {
        fixture.given(MUG_ADDED, new ProductDiscontinued(MUG))
                .when(new ChangeProductDetails(MUG, "Big mug", "A big mug", Map.of()))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage("product mug is discontinued");
    }

    @Test
    void changingThePrice() {
        fixture.given(MUG_ADDED)
                .when(new ChangePrice(MUG, Money.of(1500, "EUR")))
                .expectEvents(new PriceChanged(MUG, Money.of(1500, "EUR")))
                .expectResultMessagePayload(1L);
    }

    @Test
    void thePriceCannotDropToZero() {
        fixture.given(MUG_ADDED)
                .when(new ChangePrice(MUG, Money.of(0, "EUR")))
                .expectNoEvents()
                .expectException(RuleViolation.class);
    }

    @Test
    void thePriceOfADiscontinuedProductCannotChange() {
        fixture.given(MUG_ADDED, new ProductDiscontinued(MUG))
                .when(new ChangePrice(MUG, Money.of(1500, "EUR")))
                .expectNoEvents()
                .expectException(RuleViolation.class);
    }

    @Test
    void restockingAddsToTheAvailableStock() {
        fixture.given(MUG_ADDED)
                .when(new RestockProduct(MUG, 3))
                .expectEvents(new ProductRestocked(MUG, 3, 8));
    }

    @Test
    void restockingNothingIsRefused() {
        fixture.given(MUG_ADDED)
                .when(new RestockProduct(MUG, 0))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage("a quantity must be at least 1");
    }

    @Test
    void aDiscontinuedProductCannotBeRestocked() {
        fixture.given(MUG_ADDED, new ProductDiscontinued(MUG))
                .when(new RestockProduct(MUG, 3))
                .expectNoEvents()
                .expectException(RuleViolation.class);
    }

    @Test
    void restockingAnUnknownProductFails() {
        fixture.givenNoPriorActivity()
                .when(new RestockProduct(MUG, 3))
                .expectNoEvents()
                .expectException(org.axonframework.modelling.command.AggregateNotFoundException.class);
    }

    @Test
    void reservingStockInHandTakesItAtTheCurrentPrice() {
        fixture.given(MUG_ADDED, new PriceChanged(MUG, Money.of(990, "EUR")))
                .when(new ReserveStock(MUG, ORDER, 5))
                .expectEvents(new StockReserved(MUG, ORDER, 5, Money.of(990, "EUR"), 0));
    }

    @Test
    void reservingMoreThanIsInStockIsRejectedWithTheReason() {
        fixture.given(MUG_ADDED, new StockReserved(MUG, OrderId.of("earlier"), 4, PRICE, 1))
                .when(new ReserveStock(MUG, ORDER, 2))
                .expectEvents(new StockReservationRejected(MUG, ORDER, 2, 1, "product mug has 1 in stock, 2 requested"));
    }

    @Test
    void reservingADiscontinuedProductIsRejectedWithTheReason() {
        fixture.given(MUG_ADDED, new ProductDiscontinued(MUG))
                .when(new ReserveStock(MUG, ORDER, 1))
                .expectEvents(new StockReservationRejected(MUG, ORDER, 1, 5, "product mug is discontinued"));
    }

    @Test
    void reservingNothingIsRefused() {
        fixture.given(MUG_ADDED)
                .when(new ReserveStock(MUG, ORDER, 0))
                .expectNoEvents()
                .expectException(RuleViolation.class);
    }

    @Test
    void releasingStockReturnsItToTheShelf() {
        fixture.given(MUG_ADDED, new StockReserved(MUG, ORDER, 2, PRICE, 3))
                .when(new ReleaseStock(MUG, ORDER, 2))
                .expectEvents(new StockReleased(MUG, ORDER, 2, 5))
                .expectResultMessagePayload(2L);
    }

    @Test
    void releasingNothingIsRefused() {
        fixture.given(MUG_ADDED)
                .when(new ReleaseStock(MUG, ORDER, 0))
                .expectNoEvents()
                .expectException(RuleViolation.class);
    }

    @Test
    void aReservationSentAgainForTheSameOrderTakesNoMoreStockAndAnswersAsTheFirstDid() {
        fixture.given(MUG_ADDED, new StockReserved(MUG, ORDER, 2, PRICE, 3), new PriceChanged(MUG, Money.of(990, "EUR")))
                .when(new ReserveStock(MUG, ORDER, 2))
                .expectNoEvents()
                .expectResultMessagePayload(1L);
    }

    @Test
    void aRejectedReservationSentAgainIsRejectedStillEvenAfterARestock() {
        fixture.given(MUG_ADDED, new StockReservationRejected(MUG, ORDER, 9, 5, "product mug has 5 in stock, 9 requested"),
                        new ProductRestocked(MUG, 10, 15))
                .when(new ReserveStock(MUG, ORDER, 9))
                .expectNoEvents()
                .expectResultMessagePayload(1L);
    }

    @Test
    void aReservationSentAgainAfterItsReleaseTakesNothing() {
        fixture.given(MUG_ADDED, new StockReserved(MUG, ORDER, 2, PRICE, 3), new StockReleased(MUG, ORDER, 2, 5))
                .when(new ReserveStock(MUG, ORDER, 2))
                .expectNoEvents()
                .expectResultMessagePayload(1L);
    }

    @Test
    void anOrderAskingAgainForAnotherQuantityIsRefused() {
        fixture.given(MUG_ADDED, new StockReserved(MUG, ORDER, 2, PRICE, 3))
                .when(new ReserveStock(MUG, ORDER, 3))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage("order order-1 asked product mug for 2, not 3");
    }

    @Test
    void otherOrdersStillReserveBesideAnEarlierOne() {
        fixture.given(MUG_ADDED, new StockReserved(MUG, ORDER, 2, PRICE, 3))
                .when(new ReserveStock(MUG, OrderId.of("order-2"), 2))
                .expectEvents(new StockReserved(MUG, OrderId.of("order-2"), 2, PRICE, 1))
                .expectResultMessagePayload(2L);
    }

    @Test
    void releasingForAnOrderThatReservedNothingReleasesNothing() {
        fixture.given(MUG_ADDED, new StockReserved(MUG, OrderId.of("other"), 2, PRICE, 3))
                .when(new ReleaseStock(MUG, ORDER, 2))
                .expectNoEvents()
                .expectResultMessagePayload(1L);
    }

    @Test
    void releasingTwiceReleasesOnce() {
        fixture.given(MUG_ADDED, new StockReserved(MUG, ORDER, 2, PRICE, 3), new StockReleased(MUG, ORDER, 2, 5))
                .when(new ReleaseStock(MUG, ORDER, 2))
                .expectNoEvents()
                .expectResultMessagePayload(2L);
    }

    @Test
    void releasingARejectedReservationReleasesNothing() {
        fixture.given(MUG_ADDED, new StockReservationRejected(MUG, ORDER, 9, 5, "product mug has 5 in stock, 9 requested"))
                .when(new ReleaseStock(MUG, ORDER, 9))
                .expectNoEvents()
                .expectResultMessagePayload(1L);
    }

    @Test
    void releasingAnotherQuantityThanTheOrderHoldsIsRefused() {
        fixture.given(MUG_ADDED, new StockReserved(MUG, ORDER, 2, PRICE, 3))
                .when(new ReleaseStock(MUG, ORDER, 3))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage("order order-1 asked product mug for 2, not 3");
    }

    @Test
    void discontinuingAProduct() {
        fixture.given(MUG_ADDED)
                .when(new DiscontinueProduct(MUG))
                .expectEvents(new ProductDiscontinued(MUG))
                .expectResultMessagePayload(1L);
    }

    @Test
    void aProductIsDiscontinuedOnlyOnce() {
        fixture.given(MUG_ADDED, new ProductDiscontinued(MUG))
                .when(new DiscontinueProduct(MUG))
                .expectNoEvents()
                .expectException(RuleViolation.class);
    }
}
