package dev.bazaar.command.ordering;

import dev.bazaar.api.catalog.ProductId;
import dev.bazaar.api.common.Money;
import dev.bazaar.api.customer.CustomerDeactivated;
import dev.bazaar.api.customer.CustomerId;
import dev.bazaar.api.customer.CustomerRegistered;
import dev.bazaar.api.customer.Email;
import dev.bazaar.api.ordering.CancelOrder;
import dev.bazaar.api.ordering.ConfirmOrder;
import dev.bazaar.api.ordering.DeliverOrder;
import dev.bazaar.api.ordering.OrderCancelled;
import dev.bazaar.api.ordering.OrderConfirmed;
import dev.bazaar.api.ordering.OrderDelivered;
import dev.bazaar.api.ordering.OrderId;
import dev.bazaar.api.ordering.OrderLine;
import dev.bazaar.api.ordering.OrderPlaced;
import dev.bazaar.api.ordering.OrderRejected;
import dev.bazaar.api.ordering.OrderShipped;
import dev.bazaar.api.ordering.PlaceOrder;
import dev.bazaar.api.ordering.PricedOrderLine;
import dev.bazaar.api.ordering.RejectOrder;
import dev.bazaar.api.ordering.ShipOrder;
import dev.bazaar.command.customer.ActiveCustomers;
import dev.bazaar.command.rules.RuleViolation;
import java.util.List;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The order's life. Customers are real event streams in a store of their own, read by {@link ActiveCustomers}. */
class OrderTest {

    private static final OrderId ORDER = OrderId.of("order-1");
    private static final CustomerId ANN = CustomerId.of("ann");
    private static final CustomerId GONE = CustomerId.of("gone");
    private static final ProductId MUG = ProductId.of("mug");
    private static final ProductId TEA = ProductId.of("tea");
    private static final List<OrderLine> LINES = List.of(new OrderLine(MUG, 2), new OrderLine(TEA, 1));
    private static final OrderPlaced PLACED = new OrderPlaced(ORDER, ANN, LINES);
    private static final List<PricedOrderLine> PRICED = List.of(
            new PricedOrderLine(MUG, 2, Money.of(1250, "EUR")), new PricedOrderLine(TEA, 1, Money.of(400, "EUR")));
    private static final OrderConfirmed CONFIRMED = new OrderConfirmed(ORDER, PRICED, Money.of(2900, "EUR"));

    private AggregateTestFixture<Order> fixture;

    @BeforeEach
    void setUp() {
        EmbeddedEventStore customers = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        customers.publish(
                new GenericDomainEventMessage<>("Customer", "ann", 0, new CustomerRegistered(ANN, "Ann", Email.of("ann@example.com"))),
                new GenericDomainEventMessage<>("Customer", "gone", 0, new CustomerRegistered(GONE, "Gone", Email.of("gone@example.com"))),
                new GenericDomainEventMessage<>("Customer", "gone", 1, new CustomerDeactivated(GONE)));
        fixture = new AggregateTestFixture<>(Order.class);
        fixture.registerInjectableResource(new ActiveCustomers(customers));
    }

    @Test
    void anActiveCustomerPlacesAnOrder() {
        fixture.givenNoPriorActivity()
                .when(new PlaceOrder(ORDER, ANN, LINES))
                .expectEvents(PLACED);
    }

    @Test
    void aDeactivatedCustomerCannotOrder() {
        fixture.givenNoPriorActivity()
                .when(new PlaceOrder(ORDER, GONE, LINES))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage("customer gone is deactivated and cannot order");
    }

    @Test
    void anUnknownCustomerCannotOrder() {
        fixture.givenNoPriorActivity()
                .when(new PlaceOrder(ORDER, CustomerId.of("nobody"), LINES))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage("customer nobody is not registered");
    }

    @Test
    void anOrderHasLines() {
        fixture.givenNoPriorActivity()
                .when(new PlaceOrder(ORDER, ANN, List.of()))
                .expectNoEvents()
                .expectException(RuleViolation.class);
    }

    @Test
    void anOrderNamesEachProductOnce() {
        fixture.givenNoPriorActivity()
                .when(new PlaceOrder(ORDER, ANN, List.of(new OrderLine(MUG, 1), new OrderLine(MUG, 2))))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage("an order names each product on one line only");
    }

    @Test
    void confirmingComputesTheTotalFromThePricedLines() {
        fixture.given(PLACED)
                .when(new ConfirmOrder(ORDER, PRICED))
                .expectEvents(CONFIRMED)
                .expectResultMessagePayload(1L);
    }

    @Test
    void anOrderHasOneCurrency() {
        fixture.given(PLACED)
                .when(new ConfirmOrder(ORDER, List.of(
                        new PricedOrderLine(MUG, 2, Money.of(1250, "EUR")), new PricedOrderLine(TEA, 1, Money.of(400, "USD")))))
                .expectNoEvents()
                .expectException(RuleViolation.class);
    }

    @Test
    void confirmationMustCoverThePlacedLines() {
        fixture.given(PLACED)
                .when(new ConfirmOrder(ORDER, List.of(new PricedOrderLine(MUG, 2, Money.of(1250, "EUR")))))
                .expectNoEvents()
                .expectException(RuleViolation.class);
    }

    @Test
    void aConfirmedOrderIsNotConfirmedAgain() {
        fixture.given(PLACED, CONFIRMED)
                .when(new ConfirmOrder(ORDER, PRICED))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage("order order-1 is confirmed; only a placed order can be confirmed");
    }

    @Test
    void rejectingAPlacedOrder() {
        fixture.given(PLACED)
                .when(new RejectOrder(ORDER, "out of stock"))
                .expectEvents(new OrderRejected(ORDER, "out of stock"));
    }

    @Test
    void aConfirmedOrderCannotBeRejected() {
        fixture.given(PLACED, CONFIRMED)
                .when(new RejectOrder(ORDER, "out of stock"))
                .expectNoEvents()
                .expectException(RuleViolation.class);
    }

    @Test
    void shippingAConfirmedOrder() {
        fixture.given(PLACED, CONFIRMED)
                .when(new ShipOrder(ORDER))
                .expectEvents(new OrderShipped(ORDER))
                .expectResultMessagePayload(2L);
    }

    @Test
    void aPlacedOrderCannotShipBeforeItIsConfirmed() {
        fixture.given(PLACED)
                .when(new ShipOrder(ORDER))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage("order order-1 is placed; only a confirmed order can be shipped");
    }

    @Test
    void aCancelledOrderCannotShip() {
        fixture.given(PLACED, CONFIRMED, new OrderCancelled(ORDER, "changed my mind"))
                .when(new ShipOrder(ORDER))
                .expectNoEvents()
                .expectException(RuleViolation.class);
    }

    @Test
    void deliveringAShippedOrder() {
        fixture.given(PLACED, CONFIRMED, new OrderShipped(ORDER))
                .when(new DeliverOrder(ORDER))
                .expectEvents(new OrderDelivered(ORDER));
    }

    @Test
    void anOrderIsDeliveredOnlyAfterItShips() {
        fixture.given(PLACED, CONFIRMED)
                .when(new DeliverOrder(ORDER))
                .expectNoEvents()
                .expectException(RuleViolation.class);
    }

    @Test
    void aDeliveredOrderIsNotDeliveredAgain() {
        fixture.given(PLACED, CONFIRMED, new OrderShipped(ORDER), new OrderDelivered(ORDER))
                .when(new DeliverOrder(ORDER))
                .expectNoEvents()
                .expectException(RuleViolation.class);
    }

    @Test
    void cancellingAPlacedOrder() {
        fixture.given(PLACED)
                .when(new CancelOrder(ORDER, "changed my mind"))
                .expectEvents(new OrderCancelled(ORDER, "changed my mind"));
    }

    @Test
    void cancellingAConfirmedOrder() {
        fixture.given(PLACED, CONFIRMED)
                .when(new CancelOrder(ORDER, null))
                .expectEvents(new OrderCancelled(ORDER, null));
    }

    @Test
    void aShippedOrderCannotBeCancelled() {
        fixture.given(PLACED, CONFIRMED, new OrderShipped(ORDER))
                .when(new CancelOrder(ORDER, "too late"))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage("order order-1 is shipped and can no longer be cancelled");
    }

    @Test
    void aRejectedOrderCannotBeCancelled() {
        fixture.given(PLACED, new OrderRejected(ORDER, "out of stock"))
                .when(new CancelOrder(ORDER, "never mind"))
                .expectNoEvents()
                .expectException(RuleViolation.class);
    }

    @Test
    void shippingAnUnknownOrderFails() {
        fixture.givenNoPriorActivity()
                .when(new ShipOrder(ORDER))
                .expectNoEvents()
                .expectException(org.axonframework.modelling.command.AggregateNotFoundException.class);
    }
}
