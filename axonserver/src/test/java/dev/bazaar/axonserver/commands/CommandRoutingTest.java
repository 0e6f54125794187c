package dev.bazaar.axonserver.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.bazaar.axonserver.grpc.AxonClientApplication;
import dev.bazaar.axonserver.grpc.RunningNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Command routing through the node, seen from Axon Framework applications using AxonServerCommandBus. */
class CommandRoutingTest {

    static RunningNode node;

    @BeforeAll
    static void connectToNode() throws IOException {
        node = RunningNode.shared();
    }

    @Test
    void sameAggregateIdAlwaysLandsOnTheSameApplicationAndBothApplicationsGetSome() throws Exception {
        try (AxonClientApplication first = AxonClientApplication.named("stock-first").commandHandler(new Stock("stock-first")).connectTo(node.grpcAddress());
             AxonClientApplication second = AxonClientApplication.named("stock-second").commandHandler(new Stock("stock-second")).connectTo(node.grpcAddress());
             AxonClientApplication sender = AxonClientApplication.named("sender").connectTo(node.grpcAddress())) {
            awaitHandlers(ReserveStock.class, 2);

            List<CompletableFuture<String>> results = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (int round = 0; round < 5; round++) {
                for (int product = 0; product < 40; product++) {
                    ids.add("product-" + product);
                    results.add(sender.commandGateway().send(new ReserveStock("product-" + product, round)));
                }
            }

            Map<String, Set<String>> handlersPerId = new HashMap<>();
            for (int i = 0; i < results.size(); i++) {
                handlersPerId.computeIfAbsent(ids.get(i), id -> new HashSet<>()).add(results.get(i).get(30, TimeUnit.SECONDS));
            }
            assertThat(handlersPerId).hasSize(40);
            assertThat(handlersPerId.values()).allSatisfy(handlers -> assertThat(handlers).hasSize(1));
            assertThat(handlersPerId.values().stream().flatMap(Set::stream).distinct())
                    .containsExactlyInAnyOrder("stock-first", "stock-second");
        }
    }

    @Test
    void aCommandNobodyHandlesFailsWithNoHandlerForCommandException() {
        try (AxonClientApplication sender = AxonClientApplication.named("lonely-sender").connectTo(node.grpcAddress())) {
            CompletableFuture<Object> result = sender.commandGateway().send(new CloseWarehouse("north"));

            assertThatThrownBy(() -> result.get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(NoHandlerForCommandException.class)
                    .hasMessageContaining(CloseWarehouse.class.getName());
        }
    }

    @Test
    void aHandlerExceptionReachesTheCallerAsCommandExecutionExceptionWithItsMessage() {
        try (AxonClientApplication handler = AxonClientApplication.named("strict-stock").commandHandler(new StrictStock()).connectTo(node.grpcAddress());
             AxonClientApplication sender = AxonClientApplication.named("hopeful-sender").connectTo(node.grpcAddress())) {
            awaitHandlers(RemoveStock.class, 1);

            CompletableFuture<Object> result = sender.commandGateway().send(new RemoveStock("product-9", 5));

            assertThatThrownBy(() -> result.get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(CommandExecutionException.class)
                    .hasMessageContaining("only 2 of product-9 left, cannot remove 5");
        }
    }

    @Test
    void commandsInProgressFailWhenTheirHandlerDisconnects() {
        SlowStock slowStock = new SlowStock();
        try (AxonClientApplication handler = AxonClientApplication.named("slow-stock").commandHandler(slowStock).connectTo(node.grpcAddress());
             AxonClientApplication sender = AxonClientApplication.named("patient-sender").connectTo(node.grpcAddress())) {
            awaitHandlers(CountStock.class, 1);
            List<CompletableFuture<Object>> results = List.of(
                    sender.commandGateway().send(new CountStock("product-1")),
                    sender.commandGateway().send(new CountStock("product-2")),
                    sender.commandGateway().send(new CountStock("product-3")));
            await().atMost(Duration.ofSeconds(30)).until(() -> slowStock.started.getCount() == 0);

            handler.crash();

            assertThat(results).allSatisfy(result -> assertThatThrownBy(() -> result.get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasMessageContaining("Connection lost while executing command"));
            slowStock.release.countDown();
        }
    }

    @Test
    void aHandlerNeverGetsMoreCommandsThanItGrantedPermitsFor() throws Exception {
        BlockedStock blockedStock = new BlockedStock();
        try (AxonClientApplication handler = AxonClientApplication.named("careful-stock").commandPermits(16)
                .commandHandler(blockedStock).connectTo(node.grpcAddress());
             AxonClientApplication sender = AxonClientApplication.named("eager-sender").connectTo(node.grpcAddress())) {
            awaitHandlers(AuditStock.class, 1);
            List<CompletableFuture<Object>> results = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                results.add(sender.commandGateway().send(new AuditStock("product-" + i)));
            }

            // every command blocks, so the client hands back no permits: 16 reach it, 4 wait at the node
            await().atMost(Duration.ofSeconds(30)).until(() -> waitingForPermits(AuditStock.class) == 4);
            assertThat(handler.commandsReceived()).isEqualTo(16);

            blockedStock.release.countDown();
            for (CompletableFuture<Object> result : results) {
                assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo(0);
            }
            assertThat(handler.commandsReceived()).isEqualTo(20);
            assertThat(waitingForPermits(AuditStock.class)).isZero();
        }
    }

    @Test
    void contextsKeepTheirHandlersApart() throws Exception {
        try (AxonClientApplication handler = AxonClientApplication.named("stock-in-a").context("shop-a")
                .commandHandler(new Stock("stock-in-a")).connectTo(node.grpcAddress());
             AxonClientApplication senderInA = AxonClientApplication.named("sender-in-a").context("shop-a").connectTo(node.grpcAddress());
             AxonClientApplication senderInB = AxonClientApplication.named("sender-in-b").context("shop-b").connectTo(node.grpcAddress())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> node.bean(CommandRouter.class).subscriptions().stream()
                    .anyMatch(subscription -> subscription.context().equals("shop-a")));

            assertThat(senderInA.commandGateway().send(new ReserveStock("lamp", 1)).get(30, TimeUnit.SECONDS)).isEqualTo("stock-in-a");
            assertThatThrownBy(() -> senderInB.commandGateway().send(new ReserveStock("lamp", 1)).get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(NoHandlerForCommandException.class);
        }
    }

    private static int waitingForPermits(Class<?> command) {
        return node.bean(CommandRouter.class).subscriptions().stream()
                .filter(subscription -> subscription.command().equals(command.getName()))
                .mapToInt(CommandRouter.CommandSubscription::waitingForPermits)
                .sum();
    }

    private static void awaitHandlers(Class<?> command, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> node.bean(CommandRouter.class).subscriptions().stream()
                .filter(subscription -> subscription.context().equals("default"))
                .filter(subscription -> subscription.command().equals(command.getName()))
                .count() == count);
    }

    record ReserveStock(@TargetAggregateIdentifier String productId, int quantity) {
    }

    record RemoveStock(@TargetAggregateIdentifier String productId, int quantity) {
    }

    record CountStock(@TargetAggregateIdentifier String productId) {
    }

    record AuditStock(@TargetAggregateIdentifier String productId) {
    }

    record CloseWarehouse(@TargetAggregateIdentifier String warehouse) {
    }

    static class Stock {

        private final String name;

        Stock(String name) {
            this.name = name;
        }

        @CommandHandler
        String handle(ReserveStock command) {
            return name;
        }
    }

    static class StrictStock {

        @CommandHandler
        void handle(RemoveStock command) {
            throw new IllegalStateException("only 2 of " + command.productId() + " left, cannot remove " + command.quantity());
        }
    }

    static class SlowStock {

        final CountDownLatch started = new CountDownLatch(3);
        final CountDownLatch release = new CountDownLatch(1);

        @CommandHandler
        int handle(CountStock command) throws InterruptedException {
            started.countDown();
            release.await(60, TimeUnit.SECONDS);
            return 0;
        }
    }

    static class BlockedStock {

        final CountDownLatch release = new CountDownLatch(1);

        @CommandHandler
        int handle(AuditStock command) throws InterruptedException {
            release.await(60, TimeUnit.SECONDS);
            return 0;
        }
    }
}
