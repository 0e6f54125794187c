package dev.bazaar.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bazaar.launcher.LocalSystem;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The shop as a customer and a shopkeeper use it: the whole system started as processes the way
 * {@code ./bazaar} starts it, on free ports and fresh data, driven over HTTP only: commands through
 * REST, every read through GraphQL.
 */
@Order(1)
class ShopEndToEndTest {

    private static final Duration EVENTUALLY = Duration.ofSeconds(30);

    private static LocalSystem system;
    private static Http http;

    @BeforeAll
    static void useTheSharedSystem() {
        system = SharedSystem.get();
        http = new Http(system.layout().commandUrl(), system.layout().graphqlUrl());
    }

    @Test
    void anOrderInStockIsConfirmedAndOneBeyondStockIsRejectedWithItsReservationsReleased() {
        String customer = create("/api/customers", Map.of("name", "Ada Lovelace", "email", unique("ada") + "@example.com"));
        String mug = create("/api/products", product("Mug", 1250, 5));
        String teapot = create("/api/products", product("Teapot", 3900, 2));

        String confirmed = create("/api/orders", Map.of("customerId", customer, "lines", List.of(
                Map.of("productId", mug, "quantity", 2), Map.of("productId", teapot, "quantity", 1))));

        JsonNode order = awaitOrderStatus(confirmed, "CONFIRMED");
        assertThat(order.at("/total/amountMinor").asLong()).isEqualTo(2 * 1250 + 3900);
        assertThat(order.at("/customer/name").asText()).isEqualTo("Ada Lovelace");
        assertThat(order.at("/lines/0/product/name").asText()).isIn("Mug", "Teapot");
        awaitStock(mug, 3);
        awaitStock(teapot, 1);

        // The teapot is reserved first, then the mugs are refused: the teapot must come back.
        String rejected = create("/api/orders", Map.of("customerId", customer, "lines", List.of(
                Map.of("productId", teapot, "quantity", 1), Map.of("productId", mug, "quantity", 4))));

        JsonNode refused = awaitOrderStatus(rejected, "REJECTED");
        assertThat(refused.at("/reason").asText()).isNotBlank();
        awaitStock(teapot, 1);
        awaitStock(mug, 3);

        JsonNode history = http.graphql("""
                query($id: ID!) { customer(id: $id) { orders { total items { id status } } } }""", Map.of("id", customer));
        assertThat(history.at("/customer/orders/total").asLong()).isEqualTo(2);
    }

    @Test
    void reviewsChangeTheProductsRating() {
        String customer = create("/api/customers", Map.of("name", "Grace Hopper", "email", unique("grace") + "@example.com"));
        String kettle = create("/api/products", product("Kettle", 2900, 10));

        create("/api/reviews", Map.of("productId", kettle, "customerId", customer, "rating", 5, "text", "Boils fast"));
        create("/api/reviews", Map.of("productId", kettle, "customerId", customer, "rating", 2, "text", "Loud"));

        await().atMost(EVENTUALLY).untilAsserted(() -> {
            JsonNode rating = http.graphql("""
                    query($id: ID!) { product(id: $id) { rating { count average histogram { stars count } } } }""",
                    Map.of("id", kettle)).at("/product/rating");
            assertThat(rating.get("count").asLong()).isEqualTo(2);
            assertThat(rating.get("average").asDouble()).isEqualTo(3.5);
            assertThat(rating.at("/histogram/4/count").asLong()).isEqualTo(1);
            assertThat(rating.at("/histogram/1/count").asLong()).isEqualTo(1);
        });
    }

    @Test
    void aRebuiltCatalogGivesTheSameAnswers() {
        String customer = create("/api/customers", Map.of("name", "Edsger Dijkstra", "email", unique("edsger") + "@example.com"));
        String lamp = create("/api/products", product("Lamp", 4500, 7));
        create("/api/reviews", Map.of("productId", lamp, "customerId", customer, "rating", 4, "text", "Bright"));
        String query = """
                query($id: ID!) { product(id: $id) { name price { amountMinor } availableStock attributes { name value }
                    rating { count average } latestReviews { rating text } } }""";
        JsonNode before = await().atMost(EVENTUALLY).until(() -> http.graphql(query, Map.of("id", lamp)),
                data -> data.at("/product/rating/count").asLong() == 1);
        String document = system.layout().documentUrl();
        long generation = catalogStatus(document).get("generation").asLong();

        assertThat(http.admin(document, "POST", "/admin/projections/catalog/rebuild").status()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(90)).until(() -> catalogStatus(document),
                status -> "LIVE".equals(status.get("state").asText()) && status.get("generation").asLong() > generation);
        assertThat(http.graphql(query, Map.of("id", lamp))).isEqualTo(before);
    }

    private static JsonNode catalogStatus(String documentUrl) {
        Http.Response response = http.admin(documentUrl, "GET", "/admin/projections");
        assertThat(response.status()).isEqualTo(200);
        for (JsonNode projection : response.body().get("projections")) {
            if ("catalog".equals(projection.get("name").asText())) {
                return projection;
            }
        }
        throw new AssertionError("No catalog projection in " + response.body());
    }

    @Test
    void aCommandsVersionLetsTheNextReadSeeIt() {
        Http.Response registered = http.post("/api/customers", Map.of("name", "Alan Turing", "email", unique("alan") + "@example.com"));
        String id = registered.body().get("id").asText();
        Http.Response renamed = http.put("/api/customers/" + id, Map.of("name", "Alan M. Turing", "email", unique("alan") + "@example.com"));
        assertThat(renamed.status()).isEqualTo(200);

        JsonNode customer = http.graphql("""
                query($id: ID!, $v: Long) { customer(id: $id, minVersion: $v) { name version } }""",
                Map.of("id", id, "v", renamed.body().get("version").asLong()));

        assertThat(customer.at("/customer/name").asText()).isEqualTo("Alan M. Turing");
    }

    private static Map<String, Object> product(String name, long priceMinor, int stock) {
        return Map.of("name", name, "description", name + " for the kitchen", "initialStock", stock,
                "price", Map.of("amountMinor", priceMinor, "currency", "EUR"), "attributes", Map.of("room", "kitchen"));
    }

    private static String create(String path, Map<String, Object> body) {
        Http.Response response = http.post(path, body);
        assertThat(response.status()).as("POST %s answered %s", path, response.body()).isEqualTo(201);
        return response.body().get("id").asText();
    }

    private static JsonNode awaitOrderStatus(String orderId, String status) {
        return await().atMost(EVENTUALLY).until(() -> http.graphql("""
                        query($id: ID!) { order(id: $id) { status reason total { amountMinor currency }
                            customer { name } lines { quantity product { name } } } }""", Map.of("id", orderId)).get("order"),
                order -> !order.isNull() && status.equals(order.get("status").asText()));
    }

    private static void awaitStock(String productId, int stock) {
        await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(http.graphql(
                "query($id: ID!) { product(id: $id) { availableStock } }", Map.of("id", productId))
                .at("/product/availableStock").asInt()).isEqualTo(stock));
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
