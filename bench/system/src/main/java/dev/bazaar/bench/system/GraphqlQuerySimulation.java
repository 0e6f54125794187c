package dev.bazaar.bench.system;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.substring;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Simulation;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One of two reads through GraphQL, one query per virtual user: a product search (a word of the
 * product names, a price ceiling), or a customer with their last 20 orders and the products in them.
 * An answer with an {@code errors} entry is a failure; the classification of its first entry is kept,
 * so that requests shed at once ({@code OVERLOADED}) are told apart from answers that failed.
 */
public class GraphqlQuerySimulation extends Simulation {

    static final String PRODUCT_SEARCH = """
            query($text: String, $maxPrice: Long) { searchProducts(text: $text, maxPrice: $maxPrice, size: 20) {
              total items { id name price { amountMinor currency } availableStock rating { count average } } } }""";
    static final String CUSTOMER_ORDERS = """
            query($id: ID!) { customer(id: $id) { id name email orders(size: 20) { total items {
              id status placedAt total { amountMinor currency }
              lines { quantity unitPrice { amountMinor currency } product { id name price { amountMinor currency } } } } } } }""";

    public GraphqlQuerySimulation() {
        LoadPlan plan = LoadPlan.current;
        Shop shop = LoadPlan.shop;
        String name = plan.workload() == LoadPlan.Workload.PRODUCT_SEARCH ? "product search" : "customer with last 20 orders";
        ChainBuilder query = exec(http(name).post("/graphql")
                .body(StringBody(s -> Shop.json(plan.workload() == LoadPlan.Workload.PRODUCT_SEARCH ? search() : customer(shop))))
                .check(responseTimeInMillis().saveAs(Latencies.RESPONSE_TIME),
                        status().saveAs(Latencies.STATUS),
                        // A regex, not a JSON path: Gatling shares the two cores, and parsing every answer costs more.
                        regex("\"classification\":\"([A-Z_]+)\"").optional().saveAs(Latencies.ERROR),
                        status().is(200),
                        substring("\"errors\"").notExists()))
                .exec(session -> Latencies.record(plan.phase(), name, session));
        setUp(Injections.inject(scenario(name).exec(query), plan)).protocols(Injections.protocol(shop.graphqlUrl));
    }

    private static Map<String, Object> search() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return Map.of("query", PRODUCT_SEARCH, "variables", Map.of(
                "text", Shop.KINDS[random.nextInt(Shop.KINDS.length)], "maxPrice", 2_000 + random.nextInt(20_000)));
    }

    private static Map<String, Object> customer(Shop shop) {
        return Map.of("query", CUSTOMER_ORDERS, "variables", Map.of("id", Shop.randomOf(shop.customers)));
    }
}
