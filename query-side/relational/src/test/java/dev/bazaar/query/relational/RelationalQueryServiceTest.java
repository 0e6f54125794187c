package dev.bazaar.query.relational;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bazaar.api.catalog.ProductId;
import dev.bazaar.api.common.Money;
import dev.bazaar.api.common.PageRequest;
import dev.bazaar.api.customer.CustomerId;
import dev.bazaar.api.customer.CustomerProfileUpdated;
import dev.bazaar.api.customer.CustomerRegistered;
import dev.bazaar.api.customer.CustomerView;
import dev.bazaar.api.customer.Email;
import dev.bazaar.api.customer.FindCustomer;
import dev.bazaar.api.ordering.FindOrder;
import dev.bazaar.api.ordering.FindOrdersOfCustomer;
import dev.bazaar.api.ordering.OrderConfirmed;
import dev.bazaar.api.ordering.OrderId;
import dev.bazaar.api.ordering.OrderLine;
import dev.bazaar.api.ordering.OrderPage;
import dev.bazaar.api.ordering.OrderPlaced;
import dev.bazaar.api.ordering.OrderStatus;
import dev.bazaar.api.ordering.OrderStatusChange;
import dev.bazaar.api.ordering.OrderView;
import dev.bazaar.api.ordering.PricedOrderLine;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryExecutionException;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The whole service against the {@code axonserver} node: events appended to the node's event store are
 * projected by the pooled processors, and the queries cross the node through the real Axon client.
 */
class RelationalQueryServiceTest extends ServiceAgainstNode {

    private static final Duration ANSWER = Duration.ofSeconds(15);

    @Autowired
    EventStore eventStore;
    @Autowired
    QueryGateway queries;
    @Autowired
    JdbcTemplate jdbc;


    @Test
    void aQueryForTheNextVersionOfACustomerIsAnsweredOnceThatVersionIsProjected() throws Exception {
        CustomerId id = CustomerId.random();
        append("Customer", id.value(), 0, new CustomerRegistered(id, "Ann Lee", Email.of("ann@example.com")));
        assertThat(findCustomer(new FindCustomer(id, 0L)).get(ANSWER.toSeconds(), TimeUnit.SECONDS)).get()
                .extracting(CustomerView::name).isEqualTo("Ann Lee");

        CompletableFuture<Optional<CustomerView>> next = findCustomer(new FindCustomer(id, 1L));
        append("Customer", id.value(), 1, new CustomerProfileUpdated(id, "Ann Smith", Email.of("ann@example.com")));

        assertThat(next.get(ANSWER.toSeconds(), TimeUnit.SECONDS)).get()
                .extracting(CustomerView::name, CustomerView::version).containsExactly("Ann Smith", 1L);
        assertThat(jdbc.queryForObject("select count(*) from tokenentry where processorname = 'customers'", Long.class))
                .as("the customers processor keeps its tokens in this service's database").isPositive();
    }

    @Test
    void aVersionNeverReachedFailsWithAMessageTheCallerCanShow() throws Exception {
        CustomerId id = CustomerId.random();
        append("Customer", id.value(), 0, new CustomerRegistered(id, "Bo Ng", Email.of("bo@example.com")));
        findCustomer(new FindCustomer(id, 0L)).get(ANSWER.toSeconds(), TimeUnit.SECONDS);

        assertThatThrownBy(() -> findCustomer(new FindCustomer(id, 7L)).get(ANSWER.toSeconds(), TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(QueryExecutionException.class)
                .hasMessageContaining("has not reached version 7")
                .hasMessageContaining("it is at version 0");
    }

    @Test
    void anUnknownIdIsAnEmptyOptionalOrAnEmptyInitialResult() throws Exception {
        assertThat(findCustomer(new FindCustomer(CustomerId.random())).get(ANSWER.toSeconds(), TimeUnit.SECONDS)).isEmpty();
        assertThat(queries.query(new FindOrder(OrderId.random()), ResponseTypes.optionalInstanceOf(OrderView.class))
                .get(ANSWER.toSeconds(), TimeUnit.SECONDS)).isEmpty();

        SubscriptionQueryResult<OrderView, OrderView> subscription = queries.subscriptionQuery(
                new FindOrder(OrderId.random()), ResponseTypes.instanceOf(OrderView.class), ResponseTypes.instanceOf(OrderView.class));
        try {
            assertThat(subscription.initialResult().blockOptional(ANSWER)).isEmpty();
        } finally {
            subscription.cancel();
        }
    }

    @Test
    void aSubscriberToAnOrderReceivesItsStatusChange() throws Exception {
        OrderId id = OrderId.random();
        CustomerId customer = CustomerId.random();
        ProductId lamp = ProductId.of("lamp");
        append("Order", id.value(), 0, new OrderPlaced(id, customer, List.of(new OrderLine(lamp, 2))));

        SubscriptionQueryResult<OrderView, OrderView> subscription = queries.subscriptionQuery(
                new FindOrder(id, 0L), ResponseTypes.instanceOf(OrderView.class), ResponseTypes.instanceOf(OrderView.class));
        try {
            assertThat(subscription.initialResult().block(ANSWER)).extracting(OrderView::status).isEqualTo(OrderStatus.PLACED);
            CompletableFuture<OrderView> confirmed = subscription.updates()
                    .filter(order -> order.status() == OrderStatus.CONFIRMED).next().toFuture();

            append("Order", id.value(), 1, new OrderConfirmed(id, List.of(new PricedOrderLine(lamp, 2, Money.of(1500, "EUR"))),
                    Money.of(3000, "EUR")));

            OrderView update = confirmed.get(ANSWER.toSeconds(), TimeUnit.SECONDS);
            assertThat(update.total()).isEqualTo(Money.of(3000, "EUR"));
            assertThat(update.history()).extracting(OrderStatusChange::status)
                    .containsExactly(OrderStatus.PLACED, OrderStatus.CONFIRMED);
            assertThat(update.version()).isEqualTo(1);
        } finally {
            subscription.cancel();
        }

        OrderPage history = queries.query(new FindOrdersOfCustomer(customer, OrderStatus.CONFIRMED, PageRequest.first(10)),
                ResponseTypes.instanceOf(OrderPage.class)).get(ANSWER.toSeconds(), TimeUnit.SECONDS);
        assertThat(history.items()).extracting(OrderView::orderId).containsExactly(id);
    }

    private CompletableFuture<Optional<CustomerView>> findCustomer(FindCustomer query) {
        return queries.query(query, ResponseTypes.optionalInstanceOf(CustomerView.class));
    }

    private void append(String aggregateType, String aggregateId, long sequenceNumber, Object event) {
        eventStore.publish(new GenericDomainEventMessage<>(aggregateType, aggregateId, sequenceNumber, event));
    }
}
