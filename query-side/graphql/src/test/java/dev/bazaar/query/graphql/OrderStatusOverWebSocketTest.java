package dev.bazaar.query.graphql;

import static dev.bazaar.query.fixture.TestData.line;
import static dev.bazaar.query.fixture.TestData.order;
import static dev.bazaar.query.fixture.TestData.product;
import static dev.bazaar.query.fixture.TestData.withStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bazaar.api.ordering.FindOrder;
import dev.bazaar.api.ordering.OrderId;
import dev.bazaar.api.ordering.OrderStatus;
import dev.bazaar.api.ordering.OrderView;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.client.SubscriptionErrorException;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.web.reactive.socket.client.StandardWebSocketClient;
import reactor.core.Disposable;

class OrderStatusOverWebSocketTest extends EndpointTest {

    private static final String SUBSCRIPTION = "subscription ($id: ID!) { orderStatus(orderId: $id) { status version } }";

    @Test
    void anOrdersStatusChangesArriveOverGraphqlWsAndTheStreamEndsWhenTheOrderIsDelivered() throws Exception {
        readModels.put(product("sub-product", "Chair", 5000));
        OrderView placed = order("sub-order", "sub-customer", OrderStatus.PLACED, 0, 0, line("sub-product", 1));
        readModels.put(placed);
        WebSocketGraphQlTester tester = webSocket();
        List<String> statuses = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> completed = new CompletableFuture<>();

        Disposable subscription = tester.document(SUBSCRIPTION).variable("id", "sub-order")
                .executeSubscription().toFlux("orderStatus.status", String.class)
                .subscribe(statuses::add, completed::completeExceptionally, () -> completed.complete(null));
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> statuses.contains("PLACED") || completed.isDone());
            assertThat(completed).isNotDone();
            QueryUpdateEmitter emitter = world.relational().updateEmitter();
            await().atMost(Duration.ofSeconds(10)).until(() -> emitter.activeSubscriptions().stream()
                    .anyMatch(query -> query.getPayload() instanceof FindOrder find && find.orderId().value().equals("sub-order")));

            emit(emitter, withStatus(placed, OrderStatus.CONFIRMED, 1));
            emit(emitter, withStatus(placed, OrderStatus.CONFIRMED, 2));
            emit(emitter, withStatus(placed, OrderStatus.SHIPPED, 3));
            emit(emitter, withStatus(placed, OrderStatus.DELIVERED, 4));

            completed.get(20, TimeUnit.SECONDS);
            assertThat(statuses).containsExactly("PLACED", "CONFIRMED", "SHIPPED", "DELIVERED");
        } finally {
            subscription.dispose();
            tester.stop().block(Duration.ofSeconds(5));
        }
    }

    @Test
    void subscribingToAnUnknownOrderEndsWithANotFoundError() {
        WebSocketGraphQlTester tester = webSocket();
        try {
            Throwable failure = tester.document(SUBSCRIPTION).variable("id", "no-such-order")
                    .executeSubscription().toFlux()
                    .then().map(done -> (Throwable) null)
                    .onErrorResume(error -> reactor.core.publisher.Mono.just(error))
                    .block(Duration.ofSeconds(20));

            assertThat(failure).isInstanceOf(SubscriptionErrorException.class);
            List<ResponseError> errors = ((SubscriptionErrorException) failure).getErrors();
            assertThat(errors).singleElement().satisfies(error -> {
                assertThat(error.getErrorType().toString()).isEqualTo("NOT_FOUND");
                assertThat(error.getMessage()).isEqualTo("no order no-such-order");
            });
        } finally {
            tester.stop().block(Duration.ofSeconds(5));
        }
    }

    private WebSocketGraphQlTester webSocket() {
        return WebSocketGraphQlTester.create(URI.create("ws://localhost:" + port + "/graphql"), new StandardWebSocketClient());
    }

    private static void emit(QueryUpdateEmitter emitter, OrderView update) {
        readModels.put(update);
        OrderId id = update.orderId();
        emitter.emit(FindOrder.class, query -> query.orderId().equals(id), update);
    }
}
