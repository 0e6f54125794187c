package dev.bazaar.bench.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * The shop the load runs against, filled through the REST API as a client would: customers, plenty
 * of products with deep stock, a few scarce ones whose orders the saga rejects once they run out,
 * reviews, and orders for every customer. Also the source of the random ids and bodies the load sends; ids of new aggregates carry
 * a per-run prefix so that a rerun against kept data does not collide.
 */
final class Shop {

    static final String[] KINDS = {"Mug", "Teapot", "Kettle", "Bowl", "Plate", "Vase", "Lamp", "Chair", "Rug", "Clock"};
    private static final String[] COLOURS = {"red", "blue", "green", "black", "white", "yellow"};
    private static final String[] MATERIALS = {"ceramic", "glass", "steel", "oak", "wool"};
    private static final String[] TEXTS = {"Love it", "Does the job", "Arrived chipped", "Better than expected", "Would buy again"};
    private static final ObjectMapper JSON = new ObjectMapper();

    final String commandUrl;
    final String graphqlUrl;
    final List<String> customers = new ArrayList<>();
    final List<String> products = new ArrayList<>();
    final List<String> scarceProducts = new ArrayList<>();
    /** Aggregates only the freshness probes touch, so that the background load cannot make them look fresh. */
    final String probeCustomer;
    final String probeProduct;
    private final String run = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
    private final AtomicLong sequence = new AtomicLong();
    private String lastSeededOrder;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Shop(String commandUrl, String graphqlUrl) {
        this.commandUrl = commandUrl;
        this.graphqlUrl = graphqlUrl;
        this.probeCustomer = "probe-customer-" + run;
        this.probeProduct = "probe-product-" + run;
    }

    /** The shop before any load: every customer with a history of orders, so that reading one is realistic. */
    void seed(int customerCount, int productCount, int reviewsPerProduct, int ordersPerCustomer) {
        for (int i = 0; i < customerCount; i++) {
            customers.add("c-" + run + "-" + i);
        }
        for (int i = 0; i < productCount; i++) {
            (i % 10 == 9 ? scarceProducts : products).add("p-" + run + "-" + i);
        }
        inParallel(customerCount, i -> post("/api/customers", registration(customers.get(i))));
        inParallel(productCount, i -> {
            boolean scarce = i % 10 == 9;
            String id = (scarce ? scarceProducts.get(i / 10) : products.get(i - i / 10));
            return post("/api/products", product(id, i, scarce ? 50 : 1_000_000));
        });
        inParallel(productCount * reviewsPerProduct, i -> post("/api/reviews", review(nextId("r"), randomOf(products))));
        inParallel(customerCount * ordersPerCustomer, i -> post("/api/orders", order(nextId("o"), customers.get(i % customerCount))));
        lastSeededOrder = nextId("o");
        post("/api/orders", order(lastSeededOrder, customers.get(0)));
        post("/api/customers", registration(probeCustomer));
        post("/api/products", product(probeProduct, 0, 1_000_000));
    }

    /**
     * Waits until the saga has decided the last order seeded: it decides orders in the order they were
     * placed, so then no work of the seeding is left to bias what is measured next.
     */
    void awaitSeedingDone(Duration atMost) throws IOException, InterruptedException {
        HttpRequest status = HttpRequest.newBuilder(URI.create(graphqlUrl + "/graphql")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json(Map.of(
                        "query", "query($id: ID!) { order(id: $id) { status } }", "variables", Map.of("id", lastSeededOrder))))).build();
        long deadline = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < deadline) {
            String answer = JSON.readTree(http.send(status, HttpResponse.BodyHandlers.ofString()).body()).at("/data/order/status").asText();
            if (!answer.isEmpty() && !"PLACED".equals(answer)) {
                return;
            }
            Thread.sleep(500);
        }
        System.out.println("  the saga had not decided the seeded orders after " + atMost.toSeconds() + " s; going on");
    }

    String nextId(String kind) {
        return kind + "-" + run + "-" + sequence.incrementAndGet();
    }

    Map<String, Object> registration(String id) {
        return Map.of("id", id, "name", "Customer " + id, "email", id + "@bench.bazaar.dev");
    }

    Map<String, Object> product(String id, int i, int stock) {
        String kind = KINDS[i % KINDS.length];
        return Map.of("id", id, "name", kind + " " + COLOURS[i % COLOURS.length] + " " + i,
                "description", MATERIALS[i % MATERIALS.length] + " " + kind.toLowerCase() + " for the bench",
                "price", price(), "initialStock", stock,
                "attributes", Map.of("colour", COLOURS[i % COLOURS.length], "material", MATERIALS[i % MATERIALS.length]));
    }

    Map<String, Object> details(String id) {
        int i = ThreadLocalRandom.current().nextInt(1000);
        return Map.of("name", KINDS[i % KINDS.length] + " " + id, "description", "Changed " + i,
                "attributes", Map.of("colour", COLOURS[i % COLOURS.length], "material", MATERIALS[i % MATERIALS.length]));
    }

    Map<String, Object> price() {
        return Map.of("amountMinor", 500 + ThreadLocalRandom.current().nextInt(20_000), "currency", "EUR");
    }

    Map<String, Object> restock() {
        return Map.of("quantity", 20 + ThreadLocalRandom.current().nextInt(30));
    }

    /** One to three lines of plenty products; one order in ten also asks for a scarce one. */
    Map<String, Object> order(String id, String customer) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<Map<String, Object>> lines = new ArrayList<>();
        List<String> chosen = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        while (chosen.size() < count) {
            String product = randomOf(products);
            if (!chosen.contains(product)) {
                chosen.add(product);
            }
        }
        if (random.nextInt(10) == 0) {
            chosen.add(randomOf(scarceProducts));
        }
        chosen.forEach(p -> lines.add(Map.of("productId", p, "quantity", 1 + random.nextInt(3))));
        return Map.of("id", id, "customerId", customer, "lines", lines);
    }

    Map<String, Object> review(String id, String product) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return Map.of("id", id, "productId", product, "customerId", randomOf(customers),
                "rating", 1 + random.nextInt(5), "text", TEXTS[random.nextInt(TEXTS.length)]);
    }

    static String randomOf(List<String> ids) {
        return ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
    }

    static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private int post(String path, Object body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(commandUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json(body))).build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 201) {
                throw new IllegalStateException("Seeding: POST " + path + " answered " + status);
            }
            return status;
        } catch (IOException e) {
            throw new IllegalStateException("Seeding: POST " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void inParallel(int count, IntFunction<Integer> task) {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                results.add(pool.submit(() -> task.apply(n)));
            }
            for (Future<Integer> result : results) {
                result.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("Seeding failed", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
