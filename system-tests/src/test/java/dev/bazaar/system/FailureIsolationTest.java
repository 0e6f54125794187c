package dev.bazaar.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bazaar.launcher.LocalSystem;
import dev.bazaar.launcher.SystemLayout;
import dev.bazaar.process.JavaProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A dead part stops only itself. The whole system runs as processes; with commands going through it,
 * each test kills one part with SIGKILL, looks at what a client sees meanwhile, starts the part again
 * on the same data and checks that nothing acknowledged was lost and that everything caught up.
 *
 * <p>The tests share one started system ({@link SharedSystem}) to keep the run short, and run after
 * the classes that only use it. Each uses data of its own and leaves every part running again, so
 * none depends on another; the order only puts the test that leaves a second command-side instance
 * dead last.
 */
@Order(2)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FailureIsolationTest {

    private static final Duration RESTART = Duration.ofSeconds(300);
    private static final Duration RECOVERY = Duration.ofSeconds(120);
    private static final Duration EVENTUALLY = Duration.ofSeconds(60);
    private static final String CUSTOMER_AND_PRODUCT = """
            query($c: ID!, $p: ID!) { customer(id: $c) { name } product(id: $p) { name } }""";
    private static final String CUSTOMER_PRODUCT_AND_ORDER = """
            query($c: ID!, $p: ID!, $o: ID!) { customer(id: $c) { name } product(id: $p) { name } order(id: $o) { status } }""";

    /** A read model as GraphQL shows it: the fields it answers (the first names what it projects), its projection and its service. */
    enum ReadModel {
        CATALOG(List.of("product"), "catalog", SystemLayout::documentUrl),
        CUSTOMERS(List.of("customer", "order"), "customers", SystemLayout::relationalUrl);

        private final List<String> fields;
        private final String projection;
        private final Function<SystemLayout, String> service;

        ReadModel(List<String> fields, String projection, Function<SystemLayout, String> service) {
            this.fields = fields;
            this.projection = projection;
            this.service = service;
        }

        String kind() {
            return fields.get(0);
        }
    }

    private static LocalSystem system;
    private static Http http;

    @BeforeAll
    static void useTheSharedSystem() {
        system = SharedSystem.get();
        http = new Http(system.layout().commandUrl(), system.layout().graphqlUrl());
    }

    @Test
    @Order(1)
    void whileTheNodeIsDownCommandsAnswer503AndReadsAnswerErrorsThenEveryServiceReconnects() {
        String customer = create("/api/customers", customer("node-ann"));
        String product = create("/api/products", product("node-mug", 1200, 5));
        awaitBothReadable(customer, product);
        JavaProcess node = system.part("axonserver");

        Trickle trickle = new Trickle(http, "node");
        try {
            awaitAcknowledged(trickle, 2);
            system.kill("axonserver");
            Instant down = Instant.now();

            List<Trickle.Sent> whileDown = await().atMost(EVENTUALLY).until(() -> trickle.sentSince(down), sent -> sent.size() >= 3);
            assertThat(whileDown.subList(0, 3)).as("commands sent while the node is down")
                    .allSatisfy(sent -> assertThat(sent.status() == 503 && sent.problem()).as("%s", sent).isTrue());
            Http.Response read = http.graphqlResponse(CUSTOMER_AND_PRODUCT, Map.of("c", customer, "p", product));
            assertThat(read.status()).as("%s", read.body()).isEqualTo(200);
            assertThat(read.body().get("errors")).as("%s", read.body()).isNotEmpty();
            assertThat(read.body().get("data").has("customer")).as("%s", read.body()).isTrue();

            node.restart(RESTART);
            Instant back = Instant.now();
            awaitAcknowledgedSince(trickle, back, 4);
        } finally {
            trickle.close();
        }
        assertOnlyAcknowledgedOr503(trickle, "node");
        awaitBothReadable(customer, product);
        awaitReadable(trickle.acknowledged());
    }

    @Test
    @Order(2)
    void anOrderSagaInterruptedByACrashOfTheCommandServiceEndsWithItsStockConsistent() throws Exception {
        String customer = create("/api/customers", customer("saga-bob"));
        List<String> products = List.of(
                create("/api/products", product("saga-cup", 300, 12)),
                create("/api/products", product("saga-jug", 900, 12)),
                create("/api/products", product("saga-pan", 2500, 12)));
        awaitBothReadable(customer, products.get(2));
        JavaProcess commandSide = system.part("command-side");

        OrdersPlacedAtOnce placing = new OrdersPlacedAtOnce("saga-order", customer, products, 24);
        await().atMost(EVENTUALLY).until(() -> placing.acknowledged().size() >= 6);
        system.kill("command-side");
        placing.awaitAnswers();
        commandSide.restart(RESTART);

        awaitEveryOrderSettledWithTheStockItTook(placing, Map.of(products.get(0), 12, products.get(1), 12, products.get(2), 12));
    }

    @Test
    @Order(3)
    void whileTheNodeDatabaseIsDownCommandsAnswer503ThenTheNodeRecoversWithoutARestartAndLosesNothingAcknowledged() {
        String customer = create("/api/customers", customer("nodepg-fay"));
        String product = create("/api/products", product("nodepg-bell", 800, 3));
        awaitBothReadable(customer, product);

        Trickle trickle = new Trickle(http, "nodepg");
        try {
            awaitAcknowledged(trickle, 2);
            whileDown("postgres-axonserver", () -> {
                Instant down = Instant.now();
                List<Trickle.Sent> whileDown = await().atMost(EVENTUALLY).until(() -> trickle.sentSince(down), sent -> sent.size() >= 3);
                assertThat(whileDown.subList(0, 3)).as("commands sent while the node's database is down")
                        .allSatisfy(sent -> assertThat(sent.status() == 503 && sent.problem()).as("%s", sent).isTrue());
            });
            awaitAcknowledgedSince(trickle, Instant.now(), 4);
        } finally {
            trickle.close();
        }
        assertOnlyAcknowledgedOr503(trickle, "node's database");
        awaitReadable(trickle.acknowledged());
    }

    /**
     * Kills a part that one read model needs, its database or its service, with commands going through
     * the system: commands keep answering 2xx, GraphQL answers the other read model's fields and an
     * error entry for each of the lost one's. Started again on the same data, the lost read model
     * catches up with every acknowledged command and reads as a rebuild from the event store does.
     */
    @ParameterizedTest(name = "{0} dies")
    @Order(4)
    @CsvSource({"mongo, CATALOG", "query-document, CATALOG", "postgres-relational, CUSTOMERS", "query-relational, CUSTOMERS"})
    void whileAPartOfOneReadModelIsDownItsFieldsFailAloneThenItCatchesUpToWhatARebuildGives(String part, ReadModel lost) {
        String customer = create("/api/customers", customer(part + "-cy"));
        String product = create("/api/products", product(part + "-lamp", 4500, 7));
        String order = create("/api/orders", Map.of("id", part + "-order", "customerId", customer,
                "lines", List.of(Map.of("productId", product, "quantity", 1))));
        Map<String, Object> ids = Map.of("c", customer, "p", product, "o", order);
        await().atMost(RECOVERY).untilAsserted(() ->
                assertThat(http.graphql(CUSTOMER_PRODUCT_AND_ORDER, ids).at("/order/status").asText()).isEqualTo("CONFIRMED"));
        Trickle trickle = new Trickle(http, part);
        try {
            awaitAcknowledged(trickle, 2);
            whileDown(part, () -> {
                Instant down = Instant.now();
                await().atMost(EVENTUALLY).untilAsserted(() -> {
                    Http.Response read = http.graphqlResponse(CUSTOMER_PRODUCT_AND_ORDER, ids);
                    assertThat(read.status()).as("%s", read.body()).isEqualTo(200);
                    for (String field : List.of("customer", "product", "order")) {
                        assertThat(read.body().at("/data/" + field).isNull()).as("%s is null in %s", field, read.body()).isEqualTo(lost.fields.contains(field));
                    }
                    List<String> failed = new ArrayList<>();
                    read.body().get("errors").forEach(error -> failed.add(error.at("/path/0").asText()));
                    assertThat(failed).as("%s", read.body()).containsExactlyInAnyOrderElementsOf(lost.fields);
                });
                await().atMost(EVENTUALLY).until(() -> trickle.sentSince(down).size() >= 4);
                if (part.startsWith("mongo") || part.startsWith("postgres")) {
                    theServiceSaysItsDatabaseIsDown(lost.service.apply(system.layout()), lost.projection);
                }
            });
        } finally {
            trickle.close();
        }
        assertThat(trickle.sent()).as("commands while %s was down", part).allSatisfy(sent -> assertThat(sent.acknowledged()).as("%s", sent).isTrue());
        awaitReadable(trickle.acknowledged());
        assertARebuildGivesTheSameAnswers(lost.service.apply(system.layout()), lost.projection, trickle.acknowledged(), lost.kind());
    }

    /** With its database gone, a query service's health is DOWN and its admin API shows the projection in error, with the next retry. */
    private void theServiceSaysItsDatabaseIsDown(String serviceUrl, String projection) {
        await().atMost(EVENTUALLY).untilAsserted(() -> {
            assertThat(http.get(serviceUrl + "/actuator/health").status()).isEqualTo(503);
            Http.Response listing = http.admin(serviceUrl, "GET", "/admin/projections");
            assertThat(listing.status()).as("%s", listing.body()).isEqualTo(200);
            JsonNode status = null;
            for (JsonNode each : listing.body().get("projections")) {
                if (each.get("name").asText().equals(projection)) {
                    status = each;
                }
            }
            assertThat(status).as("%s in %s", projection, listing.body()).isNotNull();
            assertThat(status.get("state").asText()).as("%s", status).isEqualTo("ERROR");
            assertThat(status.path("nextRetryAt").isTextual()).as("nextRetryAt in %s", status).isTrue();
        });
    }

    /**
     * The database holds only the order saga's state and tokens: the saga stops where it is and goes
     * on from there once the database is back. Commands do not need it, so they keep answering; what
     * the trickle got is checked last, so that the saga's recovery is seen whatever the commands did.
     */
    @Test
    @Order(5)
    void whileTheCommandDatabaseIsDownCommandsAnswerAndTheOrderSagaWaitsThenFinishesWithItsStockConsistent() throws Exception {
        String customer = create("/api/customers", customer("cmdpg-eve"));
        List<String> products = List.of(create("/api/products", product("cmdpg-bowl", 700, 8)), create("/api/products", product("cmdpg-tray", 1100, 8)));
        awaitBothReadable(customer, products.get(1));

        Trickle trickle = new Trickle(http, "cmdpg");
        OrdersPlacedAtOnce placing;
        try {
            awaitAcknowledged(trickle, 2);
            placing = new OrdersPlacedAtOnce("cmdpg-order", customer, products, 12);
            await().atMost(EVENTUALLY).until(() -> placing.acknowledged().size() >= 3);
            whileDown("postgres-command", () -> {
                Instant down = Instant.now();
                await().atMost(EVENTUALLY).until(() -> trickle.sentSince(down).size() >= 4);
            });
            placing.awaitAnswers();
            awaitAcknowledgedSince(trickle, Instant.now(), 2);
        } finally {
            trickle.close();
        }
        awaitEveryOrderSettledWithTheStockItTook(placing, Map.of(products.get(0), 8, products.get(1), 8));
        awaitReadable(trickle.acknowledged());
        assertThat(trickle.sent()).as("commands while the command database was down")
                .allSatisfy(sent -> assertThat(sent.acknowledged()).as("%s", sent).isTrue());
    }

    @Test
    @Order(6)
    void twoCommandInstancesHandleEachAggregateInOneAndTheSurvivorTakesOverWhenTheOtherDies() throws Exception {
        int secondPort = JavaProcess.freePort();
        system.startAnotherInstance("command-side", "command-side-2", secondPort);
        String secondUrl = "http://localhost:" + secondPort;
        await().atMost(EVENTUALLY).until(() -> restockHandlers() == 2);
        List<String> products = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            products.add(create("/api/products", product("pair-" + i, 500 + i, 0)));
        }

        // Restocks of one product through both instances at once: were it handled by both, they would
        // load the same version and one append would be refused (409).
        String contended = products.get(0);
        ExecutorService clients = Executors.newFixedThreadPool(2);
        List<Future<List<Http.Response>>> both = List.of(
                clients.submit(() -> restockTimes(contended, system.layout().commandUrl(), 10)),
                clients.submit(() -> restockTimes(contended, secondUrl, 10)));
        List<Http.Response> answers = new ArrayList<>();
        for (Future<List<Http.Response>> each : both) {
            answers.addAll(each.get(120, TimeUnit.SECONDS));
        }
        clients.shutdown();
        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as("%s", answer.body()).isEqualTo(200));
        assertThat(answers.stream().map(answer -> answer.body().get("version").asLong()).toList())
                .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 20).boxed().toList());

        // A trickle of restocks over every product through the first instance while the second dies.
        Map<String, List<Long>> acknowledged = new HashMap<>();
        Instant killAt = null;
        Set<String> workingAfterKill = new HashSet<>();
        for (int n = 0; workingAfterKill.size() < products.size(); n++) {
            if (n == 12) {
                system.kill("command-side-2");
                killAt = Instant.now();
            }
            assertThat(killAt == null || Duration.between(killAt, Instant.now()).compareTo(RECOVERY) < 0)
                    .as("every product restocked through the survivor within %s", RECOVERY).isTrue();
            String product = products.get(n % products.size());
            Http.Response answer = http.post("/api/products/" + product + "/restock", Map.of("quantity", 1));
            if (answer.status() == 200) {
                acknowledged.computeIfAbsent(product, p -> new ArrayList<>()).add(answer.body().get("version").asLong());
                if (killAt != null) {
                    workingAfterKill.add(product);
                }
            } else {
                assertThat(answer.status()).as("%s", answer.body()).isEqualTo(503);
            }
            Thread.sleep(100);
        }

        for (String product : products) {
            Http.Response last = http.post("/api/products/" + product + "/restock", Map.of("quantity", 1));
            assertThat(last.status()).as("%s", last.body()).isEqualTo(200);
            long version = last.body().get("version").asLong();
            List<Long> acked = acknowledged.getOrDefault(product, List.of());
            assertThat(acked).as("versions acknowledged for %s", product).doesNotHaveDuplicates().allSatisfy(v -> assertThat(v).isLessThan(version));
            await().atMost(EVENTUALLY).untilAsserted(() -> {
                JsonNode read = http.graphql("query($id: ID!) { product(id: $id) { version availableStock } }", Map.of("id", product)).get("product");
                assertThat(read.get("version").asLong()).isEqualTo(version);
                assertThat(read.get("availableStock").asLong()).as("one unit per stored restock of %s", product).isEqualTo(version);
            });
        }
    }

    /**
     * Kills a part with SIGKILL, runs what the test looks at while it is down, and starts it again on
     * the same data even when that failed: the tests after this one need the whole system.
     */
    private static void whileDown(String part, Runnable meanwhile) {
        JavaProcess dead = system.part(part);
        system.kill(part);
        try {
            meanwhile.run();
        } finally {
            dead.restart(RESTART);
        }
    }

    /**
     * Every order ends {@code CONFIRMED} or {@code REJECTED}, every acknowledged one exists, and each
     * product has given exactly the stock its confirmed orders hold: no order is left half-reserved.
     */
    private static void awaitEveryOrderSettledWithTheStockItTook(OrdersPlacedAtOnce placed, Map<String, Integer> initialStock) {
        List<String> acknowledged = placed.acknowledged();
        await().atMost(RECOVERY).untilAsserted(() -> {
            Map<String, Integer> reservedByConfirmed = new HashMap<>();
            for (String order : placed.orders) {
                JsonNode found = orderOrNull(order);
                if (acknowledged.contains(order)) {
                    assertThat(found).as("acknowledged order %s", order).isNotNull();
                }
                if (found != null) {
                    assertThat(found.get("status").asText()).as("order %s", order).isIn("CONFIRMED", "REJECTED");
                    if ("CONFIRMED".equals(found.get("status").asText())) {
                        found.get("lines").forEach(line ->
                                reservedByConfirmed.merge(line.get("productId").asText(), line.get("quantity").asInt(), Integer::sum));
                    }
                }
            }
            initialStock.forEach((product, stock) -> assertThat(stock - availableStock(product)).as("stock taken from %s", product)
                    .isEqualTo(reservedByConfirmed.getOrDefault(product, 0)));
        });
    }

    /**
     * Orders placed by four clients at once, of one or two lines over the given products, each
     * answer's status kept (0 when no answer came): some are answered before a part dies, some after.
     */
    private static final class OrdersPlacedAtOnce {

        private final List<String> orders = new ArrayList<>();
        private final Map<String, Integer> statuses = Collections.synchronizedMap(new HashMap<>());
        private final ExecutorService clients = Executors.newFixedThreadPool(4);
        private final List<Future<?>> answers = new ArrayList<>();

        OrdersPlacedAtOnce(String prefix, String customer, List<String> products, int count) {
            for (int i = 0; i < count; i++) {
                String order = prefix + "-" + i;
                orders.add(order);
                String first = products.get(i % products.size());
                String second = products.get((i + 1) % products.size());
                List<Map<String, Object>> lines = i % 2 == 0
                        ? List.of(Map.of("productId", first, "quantity", 1))
                        : List.of(Map.of("productId", first, "quantity", 1), Map.of("productId", second, "quantity", 2));
                answers.add(clients.submit(() -> statuses.put(order, statusOf(() -> http.post("/api/orders",
                        Map.of("id", order, "customerId", customer, "lines", lines))))));
            }
        }

        List<String> acknowledged() {
            synchronized (statuses) {
                return statuses.entrySet().stream().filter(answer -> answer.getValue() == 201).map(Map.Entry::getKey).toList();
            }
        }

        void awaitAnswers() throws Exception {
            for (Future<?> answer : answers) {
                answer.get(60, TimeUnit.SECONDS);
            }
            clients.shutdown();
        }
    }

    private static int restockHandlers() {
        JsonNode status = http.get(system.layout().nodeUrl() + "/v1/status").body();
        Set<String> clients = new HashSet<>();
        status.get("contexts").forEach(context -> context.get("commandHandlers").forEach(handler -> {
            if (handler.get("command").asText().endsWith("RestockProduct")) {
                clients.add(handler.get("clientId").asText());
            }
        }));
        return clients.size();
    }

    private static List<Http.Response> restockTimes(String product, String serviceUrl, int times) {
        List<Http.Response> answers = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            answers.add(http.postTo(serviceUrl, "/api/products/" + product + "/restock", Map.of("quantity", 1)));
        }
        return answers;
    }

    /** Queries the read model for every acknowledged id, then rebuilds the projection and asks again. */
    private static void assertARebuildGivesTheSameAnswers(String serviceUrl, String projection, List<Trickle.Sent> acknowledged, String kind) {
        List<String> ids = acknowledged.stream().filter(sent -> sent.kind().equals(kind)).map(Trickle.Sent::id).toList();
        assertThat(ids).isNotEmpty();
        Map<String, JsonNode> live = new HashMap<>();
        ids.forEach(id -> live.put(id, readWhole(kind, id)));
        long generation = projectionStatus(serviceUrl, projection).get("generation").asLong();

        Http.Response rebuild = http.admin(serviceUrl, "POST", "/admin/projections/" + projection + "/rebuild");
        assertThat(rebuild.status()).as("%s", rebuild.body()).isEqualTo(202);
        await().atMost(RECOVERY).until(() -> projectionStatus(serviceUrl, projection),
                status -> "LIVE".equals(status.get("state").asText()) && status.get("generation").asLong() > generation);

        ids.forEach(id -> assertThat(readWhole(kind, id)).as("%s %s after a rebuild", kind, id).isEqualTo(live.get(id)));
    }

    private static JsonNode readWhole(String kind, String id) {
        String query = kind.equals("customer")
                ? "query($id: ID!) { customer(id: $id) { id name email active registeredAt version } }"
                : "query($id: ID!) { product(id: $id) { id name description price { amountMinor currency } availableStock discontinued version } }";
        return http.graphql(query, Map.of("id", id));
    }

    private static JsonNode projectionStatus(String serviceUrl, String projection) {
        Http.Response response = http.admin(serviceUrl, "GET", "/admin/projections");
        assertThat(response.status()).isEqualTo(200);
        for (JsonNode each : response.body().get("projections")) {
            if (projection.equals(each.get("name").asText())) {
                return each;
            }
        }
        throw new AssertionError("No projection " + projection + " in " + response.body());
    }

    private static void assertOnlyAcknowledgedOr503(Trickle trickle, String part) {
        assertThat(trickle.sent()).as("commands sent around the %s's death", part)
                .allSatisfy(sent -> assertThat(sent.acknowledged() || (sent.status() == 503 && sent.problem())).as("%s", sent).isTrue());
    }

    private static void awaitAcknowledged(Trickle trickle, int count) {
        await().atMost(EVENTUALLY).until(() -> trickle.acknowledged().size() >= count);
    }

    private static void awaitAcknowledgedSince(Trickle trickle, Instant from, int count) {
        await().atMost(RECOVERY).until(() -> trickle.sentSince(from).stream().filter(Trickle.Sent::acknowledged).count() >= count);
    }

    /** Every acknowledged creation can be read back through GraphQL: it is in the event store and was projected. */
    private static void awaitReadable(List<Trickle.Sent> acknowledged) {
        for (Trickle.Sent sent : acknowledged) {
            await().atMost(RECOVERY).untilAsserted(() -> assertThat(http.graphql(
                    "query($id: ID!) { " + sent.kind() + "(id: $id) { id } }", Map.of("id", sent.id())).at("/" + sent.kind() + "/id").asText())
                    .as("%s %s", sent.kind(), sent.id()).isEqualTo(sent.id()));
        }
    }

    private static void awaitBothReadable(String customer, String product) {
        await().atMost(RECOVERY).untilAsserted(() -> {
            JsonNode data = http.graphql(CUSTOMER_AND_PRODUCT, Map.of("c", customer, "p", product));
            assertThat(data.get("customer").isNull()).isFalse();
            assertThat(data.get("product").isNull()).isFalse();
        });
    }

    private static JsonNode orderOrNull(String order) {
        Http.Response response = http.graphqlResponse("query($id: ID!) { order(id: $id) { status lines { productId quantity } } }", Map.of("id", order));
        JsonNode found = response.body().at("/data/order");
        return found.isMissingNode() || found.isNull() ? null : found;
    }

    private static int availableStock(String product) {
        return http.graphql("query($id: ID!) { product(id: $id) { availableStock } }", Map.of("id", product)).at("/product/availableStock").asInt();
    }

    private static int statusOf(Supplier<Http.Response> request) {
        try {
            return request.get().status();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static Map<String, Object> customer(String id) {
        return Map.of("id", id, "name", "Customer " + id, "email", id + "@example.com");
    }

    private static Map<String, Object> product(String id, long priceMinor, int stock) {
        return Map.of("id", id, "name", id, "description", id + " for the test", "initialStock", stock,
                "price", Map.of("amountMinor", priceMinor, "currency", "EUR"), "attributes", Map.of("room", "kitchen"));
    }

    private static String create(String path, Map<String, Object> body) {
        Http.Response response = http.post(path, body);
        assertThat(response.status()).as("POST %s answered %s", path, response.body()).isEqualTo(201);
        return response.body().get("id").asText();
    }
}
