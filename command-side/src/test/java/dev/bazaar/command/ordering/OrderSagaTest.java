package dev.bazaar.command.ordering;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bazaar.api.catalog.ProductId;
import dev.bazaar.api.catalog.ReleaseStock;
import dev.bazaar.api.catalog.ReserveStock;
import dev.bazaar.api.catalog.StockReleased;
import dev.bazaar.api.catalog.StockReservationRejected;
import dev.bazaar.api.catalog.StockReserved;
import dev.bazaar.api.common.Money;
import dev.bazaar.api.customer.CustomerId;
import dev.bazaar.api.ordering.ConfirmOrder;
import dev.bazaar.api.ordering.OrderCancelled;
import dev.bazaar.api.ordering.OrderConfirmed;
import dev.bazaar.api.ordering.OrderId;
import dev.bazaar.api.ordering.OrderLine;
import dev.bazaar.api.ordering.OrderPlaced;
import dev.bazaar.api.ordering.OrderRejected;
import dev.bazaar.api.ordering.OrderShipped;
import dev.bazaar.api.ordering.PricedOrderLine;
import dev.bazaar.api.ordering.RejectOrder;
import dev.bazaar.command.rules.CommandFailure;
import dev.bazaar.command.rules.FailureKind;
import java.util.List;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OrderSagaTest {

    private static final OrderId ORDER = OrderId.of("order-1");
    private static final String ORDER_ID = "order-1";
    private static final CustomerId ANN = CustomerId.of("ann");
    private static final ProductId MUG = ProductId.of("mug");
    private static final ProductId TEA = ProductId.of("tea");
    private static final Money MUG_PRICE = Money.of(1250, "EUR");
    private static final Money TEA_PRICE = Money.of(400, "EUR");
    private static final OrderPlaced PLACED = new OrderPlaced(ORDER, ANN, List.of(new OrderLine(MUG, 2), new OrderLine(TEA, 1)));
    private static final StockReserved MUG_RESERVED = new StockReserved(MUG, ORDER, 2, MUG_PRICE, 3);
    private static final StockReserved TEA_RESERVED = new StockReserved(TEA, ORDER, 1, TEA_PRICE, 9);
    private static final List<PricedOrderLine> PRICED = List.of(new PricedOrderLine(MUG, 2, MUG_PRICE), new PricedOrderLine(TEA, 1, TEA_PRICE));

    private SagaTestFixture<OrderSaga> fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(OrderSaga.class);
    }

    @Test
    void aPlacedOrderReservesItsFirstLine() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(PLACED)
                .expectActiveSagas(1)
                .expectAssociationWith("orderId", ORDER_ID)
                .expectDispatchedCommands(new ReserveStock(MUG, ORDER, 2));
    }

    @Test
    void aReservedLineIsFollowedByTheNextLine() {
        fixture.givenAggregate(ORDER_ID).published(PLACED)
                .whenPublishingA(MUG_RESERVED)
                .expectDispatchedCommands(new ReserveStock(TEA, ORDER, 1));
    }

    @Test
    void whenEveryLineIsReservedTheOrderIsConfirmedWithThePricedLines() {
        fixture.givenAggregate(ORDER_ID).published(PLACED, MUG_RESERVED)
                .whenPublishingA(TEA_RESERVED)
                .expectActiveSagas(1)
                .expectDispatchedCommands(new ConfirmOrder(ORDER, PRICED));
    }

    @Test
    void theFirstRejectionReleasesWhatWasReservedAndRejectsTheOrderWithTheReason() {
        fixture.givenAggregate(ORDER_ID).published(PLACED, MUG_RESERVED)
                .whenPublishingA(new StockReservationRejected(TEA, ORDER, 1, 0, "product tea has 0 in stock, 1 requested"))
                .expectDispatchedCommands(
                        new ReleaseStock(MUG, ORDER, 2),
                        new RejectOrder(ORDER, "product tea has 0 in stock, 1 requested"));
    }

    @Test
    void aRejectionOfTheFirstLineReleasesNothing() {
        fixture.givenAggregate(ORDER_ID).published(PLACED)
                .whenPublishingA(new StockReservationRejected(MUG, ORDER, 2, 1, "product mug has 1 in stock, 2 requested"))
                .expectDispatchedCommands(new RejectOrder(ORDER, "product mug has 1 in stock, 2 requested"));
    }

    @Test
    void theSagaEndsWhenTheOrderIsRejectedWithoutReleasingTwice() {
        fixture.givenAggregate(ORDER_ID).published(PLACED, MUG_RESERVED,
                        new StockReservationRejected(TEA, ORDER, 1, 0, "out of tea"))
                .whenPublishingA(new OrderRejected(ORDER, "out of tea"))
                .expectActiveSagas(0)
                .expectNoDispatchedCommands();
    }

    @Test
    void aReservationThatFailsOutrightRejectsTheOrder() {
        fixture.setCallbackBehavior((command, metaData) -> {
            if (command instanceof ReserveStock reserve && reserve.productId().equals(TEA)) {
                throw new CommandExecutionException("Nothing exists with id tea", null,
                        new CommandFailure(FailureKind.NOT_FOUND, "Nothing exists with id tea"));
            }
            return 1L;
        });
        fixture.givenAggregate(ORDER_ID).published(PLACED)
                .whenPublishingA(MUG_RESERVED)
                .expectDispatchedCommands(
                        new ReserveStock(TEA, ORDER, 1),
                        new RejectOrder(ORDER, "product tea does not exist"));
    }

    @Test
    void anOrderRejectedAfterAFailedReservationReleasesWhatWasReserved() {
        fixture.givenAggregate(ORDER_ID).published(PLACED, MUG_RESERVED)
                .whenPublishingA(new OrderRejected(ORDER, "product tea does not exist"))
                .expectActiveSagas(0)
                .expectDispatchedCommands(new ReleaseStock(MUG, ORDER, 2));
    }

    @Test
    void cancellingAConfirmedOrderReleasesEveryLineAndEndsTheSaga() {
        fixture.givenAggregate(ORDER_ID).published(PLACED, MUG_RESERVED, TEA_RESERVED,
                        new OrderConfirmed(ORDER, PRICED, Money.of(2900, "EUR")))
                .whenPublishingA(new OrderCancelled(ORDER, "changed my mind"))
                .expectActiveSagas(0)
                .expectDispatchedCommands(new ReleaseStock(MUG, ORDER, 2), new ReleaseStock(TEA, ORDER, 1));
    }

    @Test
    void cancellingWhileAReservationIsInFlightReleasesWhatIsReservedAndWaits() {
        fixture.givenAggregate(ORDER_ID).published(PLACED, MUG_RESERVED)
                .whenPublishingA(new OrderCancelled(ORDER, "changed my mind"))
                .expectActiveSagas(1)
                .expectDispatchedCommands(new ReleaseStock(MUG, ORDER, 2));
    }

    @Test
    void aReservationArrivingAfterCancellationIsReleasedAtOnce() {
        fixture.givenAggregate(ORDER_ID).published(PLACED, MUG_RESERVED, new OrderCancelled(ORDER, "changed my mind"))
                .whenPublishingA(TEA_RESERVED)
                .expectActiveSagas(0)
                .expectDispatchedCommands(new ReleaseStock(TEA, ORDER, 1));
    }

    @Test
    void aRejectionArrivingAfterCancellationEndsTheSagaQuietly() {
        fixture.givenAggregate(ORDER_ID).published(PLACED, MUG_RESERVED, new OrderCancelled(ORDER, "changed my mind"))
                .whenPublishingA(new StockReservationRejected(TEA, ORDER, 1, 0, "out of tea"))
                .expectActiveSagas(0)
                .expectNoDispatchedCommands();
    }

    @Test
    void aShippedOrderEndsTheSagaWithNothingReleased() {
        fixture.givenAggregate(ORDER_ID).published(PLACED, MUG_RESERVED, TEA_RESERVED,
                        new OrderConfirmed(ORDER, PRICED, Money.of(2900, "EUR")))
                .whenPublishingA(new OrderShipped(ORDER))
                .expectActiveSagas(0)
                .expectNoDispatchedCommands();
    }

    @Test
    void stockReleasedForTheOrderChangesNothing() {
        fixture.givenAggregate(ORDER_ID).published(PLACED, MUG_RESERVED)
                .whenPublishingA(new StockReleased(MUG, ORDER, 2, 5))
                .expectActiveSagas(1)
                .expectNoDispatchedCommands();
    }

    @Test
    void aReservationForAnotherLineThanTheOneInFlightIsIgnored() {
        fixture.givenAggregate(ORDER_ID).published(PLACED)
                .whenPublishingA(TEA_RESERVED)
                .expectNoDispatchedCommands();
    }
    /*
     * A saga's state and its token are stored in one transaction, so an event delivered again after a
     * crash replays the handler from the state before it: the commands it sends again are the ones
     * the first delivery sent, and ReserveStock and ReleaseStock take or give back stock once per
     * order (ProductTest). An event delivered twice to a saga that did record it changes nothing:
     */

    @Test
    void aReservationDeliveredTwiceReservesTheNextLineOnce() {
        fixture.givenAggregate(ORDER_ID).published(PLACED, MUG_RESERVED)
                .whenPublishingA(MUG_RESERVED)
                .expectActiveSagas(1)
                .expectNoDispatchedCommands();
    }

    @Test
    void theLastReservationDeliveredTwiceConfirmsOnce() {
        fixture.givenAggregate(ORDER_ID).published(PLACED, MUG_RESERVED, TEA_RESERVED)
                .whenPublishingA(TEA_RESERVED)
                .expectNoDispatchedCommands();
    }

    @Test
    void aRejectionDeliveredTwiceReleasesAndRejectsOnce() {
        StockReservationRejected outOfTea = new StockReservationRejected(TEA, ORDER, 1, 0, "out of tea");
        fixture.givenAggregate(ORDER_ID).published(PLACED, MUG_RESERVED, outOfTea)
                .whenPublishingA(outOfTea)
                .expectNoDispatchedCommands();
    }

    @Test
    void aCancellationDeliveredTwiceReleasesOnce() {
        fixture.givenAggregate(ORDER_ID).published(PLACED, MUG_RESERVED, new OrderCancelled(ORDER, "changed my mind"))
                .whenPublishingA(new OrderCancelled(ORDER, "changed my mind"))
                .expectActiveSagas(1)
                .expectNoDispatchedCommands();
    }
    @Test
    void aReservationThatCannotReachItsHandlerFailsTheEventSoThatItIsDeliveredAgain() {
        fixture.setCallbackBehavior((command, metaData) -> {
            if (command instanceof ReserveStock reserve && reserve.productId().equals(TEA)) {
                throw new CommandExecutionException("AXONIQ-4003 Received exception while dispatching command", null);
            }
            return 1L;
        });
        assertThatThrownBy(() -> fixture.givenAggregate(ORDER_ID).published(PLACED, MUG_RESERVED))
                .hasStackTraceContaining("Order order-1: ReserveStock failed and will be sent again");
    }
}
