package dev.bazaar.bench.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.HdrHistogram.Histogram;

/**
 * From a command's 2xx answer to its effect being visible through GraphQL, for each read model: the
 * probe sends one command on an aggregate the background load never touches, then asks GraphQL
 * again and again (a quarter of a millisecond between an answer and the next question) until the
 * answer shows the change. The figure is up to the moment that answer arrived, so it includes one
 * GraphQL round trip.
 */
final class Freshness {

    static final String CUSTOMERS = "customers (relational): customer renamed";
    static final String ORDERS = "orders (relational): order placed";
    static final String SAGA = "orders (relational): order confirmed by the saga";
    static final String CATALOG = "catalog (document): price changed";
    static final String REVIEWS = "reviews (document): review submitted";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final Shop shop;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Histogram> micros = new LinkedHashMap<>();
    private final Map<String, Integer> timedOut = new LinkedHashMap<>();
    private int renames;

    Freshness(Shop shop) {
        this.shop = shop;
        for (String model : new String[] {CUSTOMERS, ORDERS, SAGA, CATALOG, REVIEWS}) {
            micros.put(model, new Histogram(GIVE_UP_NANOS / 1000, 3));
            timedOut.put(model, 0);
        }
    }

    Map<String, Histogram> micros() {
        return micros;
    }

    Map<String, Integer> timedOut() {
        return timedOut;
    }

    /** One probe of each read model, one after the other. */
    void probeEach() throws IOException, InterruptedException {
        renames++;
        JsonNode renamed = command("PUT", "/api/customers/" + shop.probeCustomer,
                Map.of("name", "Probe " + renames, "email", shop.probeCustomer + "@bench.bazaar.dev"));
        long version = renamed.get("version").asLong();
        await(CUSTOMERS, renamed, "query($id: ID!) { customer(id: $id) { version } }", Map.of("id", shop.probeCustomer),
                data -> data.at("/customer/version").asLong(-1) >= version);

        String orderId = shop.nextId("probe-order");
        JsonNode placed = command("POST", "/api/orders", Map.of("id", orderId, "customerId", shop.probeCustomer,
                "lines", List.of(Map.of("productId", shop.probeProduct, "quantity", 1))));
        String orderQuery = "query($id: ID!) { order(id: $id) { status } }";
        await(ORDERS, placed, orderQuery, Map.of("id", orderId), data -> data.at("/order/status").isTextual());
        await(SAGA, placed, orderQuery, Map.of("id", orderId), data -> "CONFIRMED".equals(data.at("/order/status").asText()));

        JsonNode priced = command("PUT", "/api/products/" + shop.probeProduct + "/price", shop.price());
        long productVersion = priced.get("version").asLong();
        await(CATALOG, priced, "query($id: ID!) { product(id: $id) { version } }", Map.of("id", shop.probeProduct),
                data -> data.at("/product/version").asLong(-1) >= productVersion);

        String reviewId = shop.nextId("probe-review");
        JsonNode reviewed = command("POST", "/api/reviews", Map.of("id", reviewId, "productId", shop.probeProduct,
                "customerId", shop.probeCustomer, "rating", 4, "text", "Probe"));
        await(REVIEWS, reviewed, "query($id: ID!) { product(id: $id) { reviews(size: 1) { items { id } } } }",
                Map.of("id", shop.probeProduct), data -> reviewId.equals(data.at("/product/reviews/items/0/id").asText()));
    }

    /** A command's answer, with the moment it arrived in {@code answeredAt} (System.nanoTime). */
    private JsonNode command(String method, String path, Object body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(shop.commandUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(Shop.json(body))).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        long answeredAt = System.nanoTime();
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        JsonNode answer = JSON.readTree(response.body());
        ((ObjectNode) answer).put("answeredAt", answeredAt);
        return answer;
    }

    private void await(String model, JsonNode answer, String query, Map<String, Object> variables, Predicate<JsonNode> visible)
            throws IOException, InterruptedException {
        long answeredAt = answer.get("answeredAt").asLong();
        HttpRequest request = HttpRequest.newBuilder(URI.create(shop.graphqlUrl + "/graphql")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Shop.json(Map.of("query", query, "variables", variables)))).build();
        while (true) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            long now = System.nanoTime();
            if (response.statusCode() == 200 && visible.test(JSON.readTree(response.body()).path("data"))) {
                micros.get(model).recordValue(Math.max(0, (now - answeredAt) / 1000));
                return;
            }
            if (now - answeredAt > GIVE_UP_NANOS) {
                timedOut.merge(model, 1, Integer::sum);
                return;
            }
            LockSupport.parkNanos(250_000);
        }
    }
}
