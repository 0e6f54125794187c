package dev.bazaar.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bazaar.api.catalog.ProductId;
import dev.bazaar.api.catalog.ReleaseStock;
import dev.bazaar.api.catalog.ReserveStock;
import dev.bazaar.api.catalog.StockReleased;
import dev.bazaar.api.catalog.StockReserved;
import dev.bazaar.api.common.Money;
import dev.bazaar.api.ordering.OrderConfirmed;
import dev.bazaar.api.ordering.OrderId;
import dev.bazaar.api.ordering.OrderRejected;
import dev.bazaar.command.ordering.OrderSaga;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The whole service against the real {@code axonserver} node (its own process, over gRPC) and an
 * embedded PostgreSQL for the saga and token store: REST in, events out, the saga in between.
 */
class CommandServiceIntegrationTest extends ServiceAgainstTheNode {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @LocalServerPort
    private int port;

    @Autowired
    private EventStore eventStore;

    @Autowired
    private CommandGateway commandGateway;

    @Autowired
    private EventProcessingConfiguration eventProcessing;

    @Autowired
    private JdbcTemplate jdbc;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> send(String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private String customer() throws Exception {
        String id = unique("customer");
        HttpResponse<String> response = send("POST", "/api/customers",
                "{\"id\":\"" + id + "\",\"name\":\"Ann\",\"email\":\"" + id + "@example.com\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return id;
    }

    private String product(long priceMinor, int stock) throws Exception {
        String id = unique("product");
        HttpResponse<String> response = send("POST", "/api/products", "{\"id\":\"" + id + "\",\"name\":\"Mug\",\"price\":{\"amountMinor\":"
                + priceMinor + ",\"currency\":\"EUR\"},\"initialStock\":" + stock + ",\"attributes\":{\"colour\":\"blue\"}}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return id;
    }

    private HttpResponse<String> placeOrder(String orderId, String customerId, String linesJson) throws Exception {
        return send("POST", "/api/orders", "{\"id\":\"" + orderId + "\",\"customerId\":\"" + customerId + "\",\"lines\":" + linesJson + "}");
    }

    /** Every event of the aggregate from the first, never a snapshot (products are snapshotted every 3 events here). */
    private List<Object> eventsOf(String aggregateId) {
        return eventStore.readEvents(aggregateId, 0).asStream().map(EventMessage::getPayload).map(Object.class::cast).toList();
    }

    @Test
    void anOrderForProductsInStockIsConfirmedByTheSaga() throws Exception {
        String customer = customer();
        String mug = product(1250, 5);
        String tea = product(400, 10);
        String order = unique("order");

        HttpResponse<String> placed = placeOrder(order, customer,
                "[{\"productId\":\"" + mug + "\",\"quantity\":2},{\"productId\":\"" + tea + "\",\"quantity\":3}]");

        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        assertThat(placed.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/api/orders/" + order));
        assertThat(placed.body()).contains("\"version\":0");
        await().atMost(WAIT).untilAsserted(() -> assertThat(eventsOf(order)).last().isInstanceOf(OrderConfirmed.class));
        OrderConfirmed confirmed = (OrderConfirmed) eventsOf(order).get(1);
        assertThat(confirmed.total()).isEqualTo(Money.of(2 * 1250 + 3 * 400, "EUR"));
        assertThat(eventsOf(mug)).last().isInstanceOfSatisfying(StockReserved.class, reserved -> assertThat(reserved.availableStock()).isEqualTo(3));
    }

    /**
     * Orders land in all eight segments of the saga's processor, each a thread of its own, and each still ends confirmed;
     * each order's saga is stored under an identifier that carries its order's hash (SegmentLocalSagaManager).
     */
    @Test
    void theSagaHandlesOrdersOnEightSegmentsAndConfirmsEachOne() throws Exception {
        PooledStreamingEventProcessor saga = eventProcessing
                .eventProcessor("OrderSagaProcessor", PooledStreamingEventProcessor.class).orElseThrow();
        await().atMost(WAIT).untilAsserted(() -> assertThat(saga.processingStatus()).hasSize(8));
        String customer = customer();
        String mug = product(1250, 20);
        List<String> orders = IntStream.range(0, 16).mapToObj(i -> unique("order")).toList();

        for (String order : orders) {
            HttpResponse<String> placed = placeOrder(order, customer, "[{\"productId\":\"" + mug + "\",\"quantity\":1}]");
            assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        }

        await().atMost(WAIT).untilAsserted(() -> assertThat(orders)
                .allSatisfy(order -> assertThat(eventsOf(order)).last().isInstanceOf(OrderConfirmed.class)));
        assertThat(eventsOf(mug)).hasSize(17).last()
                .isInstanceOfSatisfying(StockReserved.class, reserved -> assertThat(reserved.availableStock()).isEqualTo(4));
        List<String> sagas = jdbc.queryForList("SELECT sagaid FROM associationvalueentry WHERE associationkey = 'orderId' AND associationvalue = ANY (?)",
                String.class, (Object) orders.toArray(String[]::new));
        assertThat(sagas).hasSize(16).allSatisfy(id -> assertThat(id).matches("[0-9a-f]{8}[.].+"));
        // The type SagaSegments's start-up check counts older sagas of.
        assertThat(jdbc.queryForList("SELECT DISTINCT sagatype FROM sagaentry", String.class)).containsExactly(OrderSaga.class.getName());
    }

    @Test
    void anOrderExceedingStockIsRejectedAndItsReservedStockReleased() throws Exception {
        String customer = customer();
        String mug = product(1250, 5);
        String tea = product(400, 1);
        String order = unique("order");

        HttpResponse<String> placed = placeOrder(order, customer,
                "[{\"productId\":\"" + mug + "\",\"quantity\":2},{\"productId\":\"" + tea + "\",\"quantity\":3}]");

        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        await().atMost(WAIT).untilAsserted(() -> assertThat(eventsOf(order)).last().isInstanceOf(OrderRejected.class));
        assertThat(((OrderRejected) eventsOf(order).get(1)).reason()).isEqualTo("product " + tea + " has 1 in stock, 3 requested");
        await().atMost(WAIT).untilAsserted(() -> assertThat(eventsOf(mug)).last()
                .isInstanceOfSatisfying(StockReleased.class, released -> assertThat(released.availableStock()).isEqualTo(5)));
    }

    @Test
    void anOrderForAProductThatDoesNotExistIsRejected() throws Exception {
        String customer = customer();
        String mug = product(1250, 5);
        String order = unique("order");

        placeOrder(order, customer, "[{\"productId\":\"" + mug + "\",\"quantity\":1},{\"productId\":\"no-such-product\",\"quantity\":1}]");

        await().atMost(WAIT).untilAsserted(() -> assertThat(eventsOf(order)).last().isInstanceOf(OrderRejected.class));
        assertThat(((OrderRejected) eventsOf(order).get(1)).reason()).isEqualTo("product no-such-product does not exist");
        await().atMost(WAIT).untilAsserted(() -> assertThat(eventsOf(mug)).last().isInstanceOf(StockReleased.class));
    }

    @Test
    void aRetriedCreateAnswers409AndCreatesNothingTwice() throws Exception {
        String id = unique("customer");
        String body = "{\"id\":\"" + id + "\",\"name\":\"Ann\",\"email\":\"" + id + "@example.com\"}";
        assertThat(send("POST", "/api/customers", body).statusCode()).isEqualTo(201);

        HttpResponse<String> retried = send("POST", "/api/customers", body);

        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(409);
        assertThat(retried.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(eventsOf(id)).hasSize(1);
    }

    @Test
    void twoConcurrentRegistrationsWithOneEmailDoNotBothSucceed() throws Exception {
        String email = unique("race") + "@example.com";
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> registrations = List.of(1, 2, 3, 4).stream().<Callable<Integer>>map(n -> () -> send("POST", "/api/customers",
                    "{\"name\":\"Racer " + n + "\",\"email\":\"" + (n % 2 == 0 ? email.toUpperCase() : email) + "\"}").statusCode()).toList();
            List<Integer> statuses = pool.invokeAll(registrations).stream().map(CommandServiceIntegrationTest::get).toList();
            assertThat(statuses).containsOnly(201, 409).filteredOn(status -> status == 201).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anEmailFreedByAProfileChangeCanBeTakenAgain() throws Exception {
        String first = customer();
        String freed = first + "@example.com";
        HttpResponse<String> changed = send("PUT", "/api/customers/" + first, "{\"name\":\"Ann\",\"email\":\"new-" + freed + "\"}");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(changed.body()).contains("\"version\":1");

        HttpResponse<String> second = send("POST", "/api/customers", "{\"name\":\"Bob\",\"email\":\"" + freed + "\"}");

        assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
    }

    @Test
    void aDeactivatedCustomerCannotOrder() throws Exception {
        String customer = customer();
        String mug = product(1250, 5);
        assertThat(send("POST", "/api/customers/" + customer + "/deactivate", null).statusCode()).isEqualTo(200);

        HttpResponse<String> placed = placeOrder(unique("order"), customer, "[{\"productId\":\"" + mug + "\",\"quantity\":1}]");

        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(409);
        assertThat(placed.body()).contains("is deactivated and cannot order");
    }

    @Test
    void anUnknownAggregateAnswers404ThroughAxonServer() throws Exception {
        HttpResponse<String> response = send("POST", "/api/orders/" + unique("missing") + "/ship", null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
    }

    @Test
    void aBrokenRuleAnswers409ThroughAxonServer() throws Exception {
        String mug = product(1250, 5);

        HttpResponse<String> response = send("PUT", "/api/products/" + mug + "/price", "{\"amountMinor\":1,\"currency\":\"EUR\"}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(send("POST", "/api/products/" + mug + "/discontinue", null).statusCode()).isEqualTo(200);
        HttpResponse<String> restock = send("POST", "/api/products/" + mug + "/restock", "{\"quantity\":1}");

        assertThat(restock.statusCode()).as(restock.body()).isEqualTo(409);
        assertThat(restock.body()).contains("product " + mug + " is discontinued");
    }

    @Test
    void aChunkedBodyOverTheLimitAnswers413() throws Exception {
        byte[] body = ("{\"name\":\"" + "x".repeat(70 * 1024) + "\",\"email\":\"big@example.com\"}").getBytes();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/customers"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();

        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
    }

    @Test
    void productsAreSnapshottedAndStillLoadWithTheirStock() throws Exception {
        String mug = product(1250, 1);
        for (int i = 0; i < 4; i++) {
            assertThat(send("POST", "/api/products/" + mug + "/restock", "{\"quantity\":1}").statusCode()).isEqualTo(200);
        }

        await().atMost(WAIT).untilAsserted(() -> assertThat(eventStore.readEvents(mug).asStream().findFirst())
                .hasValueSatisfying(first -> assertThat(first.getType()).isEqualTo("Product")));
        HttpResponse<String> restocked = send("POST", "/api/products/" + mug + "/restock", "{\"quantity\":1}");
        assertThat(restocked.body()).contains("\"version\":5");
        assertThat(eventStore.readEvents(mug, 5).asStream().map(DomainEventMessage::getPayload).toList())
                .singleElement().hasFieldOrPropertyWithValue("availableStock", 6);
    }

    /** The reservations a product remembers survive its snapshot: a repeat takes nothing, a release gives back once. */
    @Test
    void aSnapshottedProductStillKnowsWhichOrdersHoldItsStock() throws Exception {
        String mug = product(1250, 5);
        ProductId product = ProductId.of(mug);
        OrderId order = OrderId.of(unique("order"));
        assertThat(commandGateway.<Long>sendAndWait(new ReserveStock(product, order, 2))).isEqualTo(1L);
        for (int i = 0; i < 2; i++) {
            assertThat(send("POST", "/api/products/" + mug + "/restock", "{\"quantity\":1}").statusCode()).isEqualTo(200);
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(eventStore.readEvents(mug).asStream().findFirst())
                .hasValueSatisfying(first -> assertThat(first.getType()).isEqualTo("Product")));

        assertThat(commandGateway.<Long>sendAndWait(new ReserveStock(product, order, 2))).isEqualTo(1L);
        assertThat(commandGateway.<Long>sendAndWait(new ReleaseStock(product, order, 2))).isEqualTo(4L);
        assertThat(commandGateway.<Long>sendAndWait(new ReleaseStock(product, order, 2))).isEqualTo(4L);

        assertThat(eventsOf(mug)).hasSize(5).last().isEqualTo(new StockReleased(product, order, 2, 7));
    }

    /**
     * Another instance (here: an append straight to the event store) reserved stock for an order while
     * this one had the product cached: a release must see that reservation, not answer from the stale
     * copy that thinks the order holds nothing, and a later change must not collide with its events.
     */
    @Test
    void aCachedProductChangedElsewhereIsReloadedBeforeACommand() throws Exception {
        String mug = product(1250, 5);
        ProductId product = ProductId.of(mug);
        OrderId order = OrderId.of(unique("order"));
        eventStore.publish(new GenericDomainEventMessage<>("Product", mug, 1L,
                new StockReserved(product, order, 2, Money.of(1250, "EUR"), 3)));

        assertThat(commandGateway.<Long>sendAndWait(new ReleaseStock(product, order, 2))).isEqualTo(2L);
        HttpResponse<String> restocked = send("POST", "/api/products/" + mug + "/restock", "{\"quantity\":1}");

        assertThat(restocked.statusCode()).as(restocked.body()).isEqualTo(200);
        assertThat(restocked.body()).contains("\"version\":3");
        assertThat(eventsOf(mug)).hasSize(4).element(2).isEqualTo(new StockReleased(product, order, 2, 5));
    }

    @Test
    void theOpenApiDocumentAndSwaggerUiAreServed() throws Exception {
        HttpResponse<String> apiDocs = send("GET", "/v3/api-docs", null);
        assertThat(apiDocs.statusCode()).isEqualTo(200);
        assertThat(apiDocs.body()).contains("/api/orders/{id}/cancel", "/api/customers", "/api/products/{id}/price", "/api/reviews/{id}");

        HttpResponse<String> swaggerUi = send("GET", "/swagger-ui/index.html", null);
        assertThat(swaggerUi.statusCode()).isEqualTo(200);
        assertThat(swaggerUi.body()).contains("swagger-ui");
    }

    private static <T> T get(Future<T> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
