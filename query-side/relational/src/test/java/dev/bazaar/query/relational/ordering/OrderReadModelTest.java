package dev.bazaar.query.relational.ordering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.bazaar.api.catalog.ProductId;
import dev.bazaar.api.common.Money;
import dev.bazaar.api.common.PageRequest;
import dev.bazaar.api.customer.CustomerId;
import dev.bazaar.api.customer.CustomerRegistered;
import dev.bazaar.api.customer.Email;
import dev.bazaar.api.ordering.CustomerWithOrders;
import dev.bazaar.api.ordering.FindCustomerWithOrders;
import dev.bazaar.api.ordering.FindOrder;
import dev.bazaar.api.ordering.FindOrdersOfCustomer;
import dev.bazaar.api.ordering.OrderCancelled;
import dev.bazaar.api.ordering.OrderConfirmed;
import dev.bazaar.api.ordering.OrderDelivered;
import dev.bazaar.api.ordering.OrderId;
import dev.bazaar.api.ordering.OrderLine;
import dev.bazaar.api.ordering.OrderLineView;
import dev.bazaar.api.ordering.OrderPage;
import dev.bazaar.api.ordering.OrderPlaced;
import dev.bazaar.api.ordering.OrderRejected;
import dev.bazaar.api.ordering.OrderShipped;
import dev.bazaar.api.ordering.OrderStatus;
import dev.bazaar.api.ordering.OrderStatusChange;
import dev.bazaar.api.ordering.OrderView;
import dev.bazaar.api.ordering.PricedOrderLine;
import dev.bazaar.query.relational.EventDelivery;
import dev.bazaar.query.relational.ReadModelTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.GenericSubscriptionQueryMessage;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SubscriptionQueryUpdateMessage;
import org.axonframework.queryhandling.UpdateHandlerRegistration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

@ReadModelTest
class OrderReadModelTest {

    private static final Instant PLACED_AT = Instant.parse("2026-04-02T08:00:00.250Z");
    private static final ProductId LAMP = ProductId.of("lamp");
    private static final ProductId RUG = ProductId.of("rug");

    @Autowired
    OrderProjection projection;
    @Autowired
    OrderQueries queries;
    /** The customers' projection, which lives in a package of its own. */
    @Autowired
    @Qualifier("customerProjection")
    Object customerProjection;
    @Autowired
    EventDelivery events;
    @Autowired
    QueryUpdateEmitter updateEmitter;

    @Test
    void aPlacedOrderHasItsLinesWithoutPricesAndOneStepOfHistory() throws Exception {
        OrderId id = OrderId.random();
        CustomerId customer = CustomerId.random();
        deliver(id, 0, placed(id, customer));

        OrderView order = find(id).orElseThrow();

        assertThat(order.customerId()).isEqualTo(customer);
        assertThat(order.status()).isEqualTo(OrderStatus.PLACED);
        assertThat(order.lines()).containsExactly(new OrderLineView(LAMP, 2, null), new OrderLineView(RUG, 1, null));
        assertThat(order.total()).isNull();
        assertThat(order.placedAt()).isEqualTo(PLACED_AT);
        assertThat(order.history()).containsExactly(new OrderStatusChange(OrderStatus.PLACED, PLACED_AT, null));
        assertThat(order.version()).isZero();
    }

    @Test
    void aDeliveredOrderHasItsPricesTotalAndWholeStatusHistory() throws Exception {
        OrderId id = OrderId.random();
        deliverAll(id, placed(id, CustomerId.random()), confirmed(id), new OrderShipped(id), new OrderDelivered(id));

        OrderView order = find(id).orElseThrow();

        assertThat(order.status()).isEqualTo(OrderStatus.DELIVERED);
        assertThat(order.lines()).containsExactly(new OrderLineView(LAMP, 2, Money.of(1500, "EUR")),
                new OrderLineView(RUG, 1, Money.of(9900, "EUR")));
        assertThat(order.total()).isEqualTo(Money.of(12900, "EUR"));
        assertThat(order.reason()).isNull();
        assertThat(order.history()).containsExactly(
                new OrderStatusChange(OrderStatus.PLACED, at(0), null),
                new OrderStatusChange(OrderStatus.CONFIRMED, at(1), null),
                new OrderStatusChange(OrderStatus.SHIPPED, at(2), null),
                new OrderStatusChange(OrderStatus.DELIVERED, at(3), null));
        assertThat(order.version()).isEqualTo(3);
    }

    @Test
    void aRejectedOrderKeepsItsReason() throws Exception {
        OrderId id = OrderId.random();
        deliverAll(id, placed(id, CustomerId.random()), new OrderRejected(id, "rug is out of stock"));

        OrderView order = find(id).orElseThrow();

        assertThat(order.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(order.reason()).isEqualTo("rug is out of stock");
        assertThat(order.history()).extracting(OrderStatusChange::status, OrderStatusChange::reason)
                .containsExactly(tuple(OrderStatus.PLACED, null),
                        tuple(OrderStatus.REJECTED, "rug is out of stock"));
    }

    @Test
    void aCancelledOrderKeepsItsReason() throws Exception {
        OrderId id = OrderId.random();
        deliverAll(id, placed(id, CustomerId.random()), confirmed(id), new OrderCancelled(id, "changed my mind"));

        OrderView order = find(id).orElseThrow();

        assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(order.reason()).isEqualTo("changed my mind");
        assertThat(order.history()).extracting(OrderStatusChange::status)
                .containsExactly(OrderStatus.PLACED, OrderStatus.CONFIRMED, OrderStatus.CANCELLED);
    }

    @Test
    void everyEventDeliveredTwiceLeavesTheSameOrder() throws Exception {
        OrderId id = OrderId.random();
        List<Object> history = List.of(placed(id, CustomerId.random()), confirmed(id), new OrderShipped(id));
        deliverAll(id, history.toArray());
        OrderView once = find(id).orElseThrow();

        deliverAll(id, history.toArray());

        assertThat(find(id)).contains(once);
        assertThat(once.history()).hasSize(3);
    }

    @Test
    void anEventOlderThanTheLastAppliedIsSkipped() throws Exception {
        OrderId id = OrderId.random();
        deliverAll(id, placed(id, CustomerId.random()), confirmed(id), new OrderShipped(id));

        deliver(id, 1, confirmed(id));

        OrderView order = find(id).orElseThrow();
        assertThat(order.status()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(order.version()).isEqualTo(2);
        assertThat(order.history()).extracting(OrderStatusChange::status)
                .containsExactly(OrderStatus.PLACED, OrderStatus.CONFIRMED, OrderStatus.SHIPPED);
    }

    @Test
    void anUnknownOrderIsEmpty() throws Exception {
        assertThat(find(OrderId.random())).isEmpty();
    }

    @Test
    void aCustomersOrdersComeNewestFirstPagedAndFilteredByStatus() {
        CustomerId customer = CustomerId.random();
        List<OrderId> oldestFirst = List.of(OrderId.of("o1-" + customer), OrderId.of("o2-" + customer),
                OrderId.of("o3-" + customer), OrderId.of("o4-" + customer), OrderId.of("o5-" + customer));
        for (int day = 0; day < oldestFirst.size(); day++) {
            OrderId id = oldestFirst.get(day);
            events.deliver(projection, "Order", id.value(), 0, placed(id, customer), PLACED_AT.plus(day, ChronoUnit.DAYS));
        }
        for (OrderId confirmedOrder : List.of(oldestFirst.get(1), oldestFirst.get(3))) {
            events.deliver(projection, "Order", confirmedOrder.value(), 1, confirmed(confirmedOrder), PLACED_AT.plus(30, ChronoUnit.DAYS));
        }
        OrderId someoneElses = OrderId.random();
        deliver(someoneElses, 0, placed(someoneElses, CustomerId.random()));

        OrderPage newest = queries.handle(new FindOrdersOfCustomer(customer, null, new PageRequest(0, 2)));
        OrderPage middle = queries.handle(new FindOrdersOfCustomer(customer, null, new PageRequest(1, 2)));
        OrderPage oldest = queries.handle(new FindOrdersOfCustomer(customer, null, new PageRequest(2, 2)));
        OrderPage confirmedOnly = queries.handle(new FindOrdersOfCustomer(customer, OrderStatus.CONFIRMED, new PageRequest(0, 10)));
        OrderPage shippedOnly = queries.handle(new FindOrdersOfCustomer(customer, OrderStatus.SHIPPED, new PageRequest(0, 10)));
        OrderPage pastTheEnd = queries.handle(new FindOrdersOfCustomer(customer, null, new PageRequest(3, 2)));

        assertThat(newest.items()).extracting(OrderView::orderId).containsExactly(oldestFirst.get(4), oldestFirst.get(3));
        assertThat(newest.total()).isEqualTo(5);
        assertThat(middle.items()).extracting(OrderView::orderId).containsExactly(oldestFirst.get(2), oldestFirst.get(1));
        assertThat(oldest.items()).extracting(OrderView::orderId).containsExactly(oldestFirst.get(0));
        assertThat(oldest.total()).isEqualTo(5);
        assertThat(oldest.items().get(0).history()).extracting(OrderStatusChange::status).containsExactly(OrderStatus.PLACED);
        assertThat(pastTheEnd.items()).isEmpty();
        assertThat(pastTheEnd.total()).isEqualTo(5);
        assertThat(confirmedOnly.items()).extracting(OrderView::orderId).containsExactly(oldestFirst.get(3), oldestFirst.get(1));
        assertThat(confirmedOnly.total()).isEqualTo(2);
        assertThat(confirmedOnly.items().get(0).lines()).extracting(OrderLineView::unitPrice).doesNotContainNull();
        assertThat(shippedOnly.items()).isEmpty();
        assertThat(shippedOnly.total()).isZero();
    }

    @Test
    void aCustomerWithOrdersIsTheCustomerAndTheirPageOfOrdersInOneQuery() throws Exception {
        CustomerId customer = CustomerId.random();
        CustomerId stranger = CustomerId.random();
        OrderId older = OrderId.of("older-" + customer);
        OrderId newer = OrderId.of("newer-" + customer);
        events.deliver(customerProjection, "Customer", customer.value(), 0,
                new CustomerRegistered(customer, "Olga Orders", Email.of("olga@example.com")), PLACED_AT);
        events.deliver(projection, "Order", older.value(), 0, placed(older, customer), PLACED_AT);
        events.deliver(projection, "Order", older.value(), 1, confirmed(older), PLACED_AT.plus(1, ChronoUnit.DAYS));
        events.deliver(projection, "Order", newer.value(), 0, placed(newer, customer), PLACED_AT.plus(2, ChronoUnit.DAYS));

        CustomerWithOrders both = queries.handle(new FindCustomerWithOrders(customer, 0L, null, new PageRequest(0, 1))).get(5, TimeUnit.SECONDS);
        CustomerWithOrders confirmedOnly = queries.handle(
                new FindCustomerWithOrders(customer, null, OrderStatus.CONFIRMED, new PageRequest(0, 5))).get(5, TimeUnit.SECONDS);
        CustomerWithOrders unknown = queries.handle(
                new FindCustomerWithOrders(stranger, null, null, new PageRequest(0, 5))).get(5, TimeUnit.SECONDS);

        assertThat(both.customer().name()).isEqualTo("Olga Orders");
        assertThat(both.orders().items()).extracting(OrderView::orderId).containsExactly(newer);
        assertThat(both.orders().total()).isEqualTo(2);
        assertThat(both.orders().items().get(0).lines()).extracting(OrderLineView::productId, OrderLineView::quantity)
                .containsExactly(tuple(LAMP, 2), tuple(RUG, 1));
        assertThat(confirmedOnly.orders().items()).singleElement().satisfies(order -> {
            assertThat(order.orderId()).isEqualTo(older);
            assertThat(order.total()).isEqualTo(Money.of(12900, "EUR"));
            assertThat(order.history()).extracting(OrderStatusChange::status, OrderStatusChange::at).containsExactly(
                    tuple(OrderStatus.PLACED, PLACED_AT), tuple(OrderStatus.CONFIRMED, PLACED_AT.plus(1, ChronoUnit.DAYS)));
        });
        assertThat(unknown).isNull();
    }

    @Test
    void subscribersOfAnOrderReceiveEachNewStateOfThatOrderOnly() {
        OrderId id = OrderId.random();
        OrderId other = OrderId.random();
        deliver(id, 0, placed(id, CustomerId.random()));
        deliver(other, 0, placed(other, CustomerId.random()));
        UpdateHandlerRegistration<Object> subscription = updateEmitter.registerUpdateHandler(
                new GenericSubscriptionQueryMessage<>(new FindOrder(id), ResponseTypes.optionalInstanceOf(OrderView.class),
                        ResponseTypes.instanceOf(OrderView.class)), 16);

        deliver(other, 1, confirmed(other));
        deliverAll(id, placed(id, CustomerId.random()), confirmed(id), new OrderShipped(id));
        updateEmitter.complete(FindOrder.class, query -> query.orderId().equals(id));

        List<OrderView> updates = subscription.getUpdates().map(SubscriptionQueryUpdateMessage::getPayload)
                .cast(OrderView.class).collectList().block(Duration.ofSeconds(5));
        assertThat(updates).extracting(OrderView::orderId, OrderView::status).containsExactly(
                tuple(id, OrderStatus.CONFIRMED),
                tuple(id, OrderStatus.SHIPPED));
    }

    private Optional<OrderView> find(OrderId id) throws Exception {
        return Optional.ofNullable(queries.handle(new FindOrder(id)).get(5, TimeUnit.SECONDS));
    }

    private static OrderPlaced placed(OrderId id, CustomerId customer) {
        return new OrderPlaced(id, customer, List.of(new OrderLine(LAMP, 2), new OrderLine(RUG, 1)));
    }

    private static OrderConfirmed confirmed(OrderId id) {
        return new OrderConfirmed(id, List.of(new PricedOrderLine(LAMP, 2, Money.of(1500, "EUR")),
                new PricedOrderLine(RUG, 1, Money.of(9900, "EUR"))), Money.of(12900, "EUR"));
    }

    private static Instant at(long sequence) {
        return PLACED_AT.plus(sequence, ChronoUnit.HOURS);
    }

    private void deliverAll(OrderId id, Object... history) {
        for (int sequence = 0; sequence < history.length; sequence++) {
            deliver(id, sequence, history[sequence]);
        }
    }

    private void deliver(OrderId id, long sequence, Object event) {
        events.deliver(projection, "Order", id.value(), sequence, event, at(sequence));
    }
}
