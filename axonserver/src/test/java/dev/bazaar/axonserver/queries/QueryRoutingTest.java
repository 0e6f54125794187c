package dev.bazaar.axonserver.queries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.bazaar.axonserver.grpc.AxonClientApplication;
import dev.bazaar.axonserver.grpc.RunningNode;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.NoHandlerForQueryException;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Query routing through the node, seen from Axon Framework applications using AxonServerQueryBus. */
class QueryRoutingTest {

    static RunningNode node;

    @BeforeAll
    static void connectToNode() throws IOException {
        node = RunningNode.shared();
    }

    @Test
    void scatterGatherCollectsTheAnswerOfEveryHandlingApplication() {
        try (AxonClientApplication north = AxonClientApplication.named("warehouse-north").queryHandler(new Warehouse("north", 3)).connectTo(node.grpcAddress());
             AxonClientApplication south = AxonClientApplication.named("warehouse-south").queryHandler(new Warehouse("south", 4)).connectTo(node.grpcAddress());
             AxonClientApplication asking = AxonClientApplication.named("stock-report").connectTo(node.grpcAddress())) {
            awaitHandlers(StockOf.class, 2);

            List<String> answers = asking.queryGateway()
                    .scatterGather(new StockOf("lamp"), ResponseTypes.instanceOf(String.class), 20, TimeUnit.SECONDS)
                    .toList();

            assertThat(answers).containsExactlyInAnyOrder("north has 3 lamp", "south has 4 lamp");
        }
    }

    @Test
    void aPointToPointQueryGetsOneAnswer() throws Exception {
        try (AxonClientApplication north = AxonClientApplication.named("catalog").queryHandler(new Catalog()).connectTo(node.grpcAddress());
             AxonClientApplication asking = AxonClientApplication.named("shop-front").connectTo(node.grpcAddress())) {
            awaitHandlers(PriceOf.class, 1);

            String price = asking.queryGateway().query(new PriceOf("lamp"), String.class).get(20, TimeUnit.SECONDS);

            assertThat(price).isEqualTo("lamp costs 19.99 EUR");
        }
    }

    @Test
    void aQueryNobodyHandlesFailsWithNoHandlerForQueryException() {
        try (AxonClientApplication asking = AxonClientApplication.named("curious").connectTo(node.grpcAddress())) {
            assertThatThrownBy(() -> asking.queryGateway().query(new SupplierOf("lamp"), String.class).get(20, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(NoHandlerForQueryException.class);
        }
    }

    @Test
    void aSubscriptionQueryGetsItsInitialResultThenEveryUpdateThenCompletes() {
        try (AxonClientApplication scores = AxonClientApplication.named("scoreboard").queryHandler(new Scoreboard()).connectTo(node.grpcAddress());
             AxonClientApplication watching = AxonClientApplication.named("watcher").connectTo(node.grpcAddress())) {
            awaitHandlers(ScoreOf.class, 1);

            SubscriptionQueryResult<Integer, Integer> result =
                    watching.queryGateway().subscriptionQuery(new ScoreOf("final"), Integer.class, Integer.class);

            assertThat(result.initialResult().block(Duration.ofSeconds(20))).isZero();
            await().atMost(Duration.ofSeconds(20)).until(() -> !scores.updateEmitter().activeSubscriptions().isEmpty());
            scores.updateEmitter().emit(ScoreOf.class, query -> query.game().equals("final"), 1);
            scores.updateEmitter().emit(ScoreOf.class, query -> query.game().equals("final"), 2);
            scores.updateEmitter().emit(ScoreOf.class, query -> query.game().equals("final"), 3);
            scores.updateEmitter().complete(ScoreOf.class, query -> query.game().equals("final"));

            assertThat(result.updates().collectList().block(Duration.ofSeconds(20))).containsExactly(1, 2, 3);
        }
    }

    private static void awaitHandlers(Class<?> query, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> node.bean(QueryRegistry.class).subscriptions().stream()
                .filter(subscription -> subscription.query().equals(query.getName()))
                .count() == count);
    }

    record StockOf(String product) {
    }

    record PriceOf(String product) {
    }

    record SupplierOf(String product) {
    }

    record ScoreOf(String game) {
    }

    static class Warehouse {

        private final String name;
        private final int stock;

        Warehouse(String name, int stock) {
            this.name = name;
            this.stock = stock;
        }

        @QueryHandler
        String handle(StockOf query) {
            return name + " has " + stock + " " + query.product();
        }
    }

    static class Catalog {

        @QueryHandler
        String handle(PriceOf query) {
            return query.product() + " costs 19.99 EUR";
        }
    }

    static class Scoreboard {

        @QueryHandler
        Integer handle(ScoreOf query) {
            return 0;
        }
    }
}
