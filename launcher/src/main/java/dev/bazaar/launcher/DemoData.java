package dev.bazaar.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * A demo shop loaded through the public REST API, exactly as a client would fill it: hundreds of
 * customers, products with attributes, orders that end in every status the saga and the shopkeeper
 * can give them, and reviews. Seeded, so every load tells the same story; ids are chosen by the
 * loader, so loading twice answers 409 for what exists and adds nothing twice.
 */
final class DemoData {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SEED = 20261124L;
    private static final String[] FIRST = {"Ada", "Alan", "Grace", "Edsger", "Barbara", "Donald", "Margaret", "Ken", "Frances", "John"};
    private static final String[] LAST = {"Lovelace", "Turing", "Hopper", "Dijkstra", "Liskov", "Knuth", "Hamilton", "Thompson", "Allen", "Backus"};
    private static final String[] KINDS = {"Mug", "Teapot", "Kettle", "Bowl", "Plate", "Vase", "Lamp", "Chair", "Rug", "Clock"};
    private static final String[] COLOURS = {"red", "blue", "green", "black", "white", "yellow"};
    private static final String[] MATERIALS = {"ceramic", "glass", "steel", "oak", "wool"};
    private static final String[] REVIEW_TEXTS = {"Love it", "Does the job", "Arrived chipped", "Better than expected", "Would buy again"};

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String api;

    private DemoData(String commandUrl) {
        this.api = commandUrl + "/api";
    }

    static void load(SystemLayout layout) {
        new DemoData(layout.commandUrl()).load();
    }

    private void load() {
        System.out.println("Loading the demo data set through " + api + " ...");
        int customers = 300;
        int products = 80;
        inParallel(customers, i -> post("/customers", Map.of("id", "demo-customer-" + i,
                "name", FIRST[i % FIRST.length] + " " + LAST[(i / FIRST.length) % LAST.length] + " " + i,
                "email", "customer" + i + "@demo.bazaar.dev")));
        inParallel(products, i -> post("/products", product(i)));

        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            orders.add("demo-order-" + i);
        }
        inParallel(orders.size(), i -> post("/orders", order(i, customers, products)));
        // Reviews first: meanwhile the saga confirms or rejects the orders, which shipping needs.
        inParallel(600, i -> post("/reviews", Map.of("id", "demo-review-" + i,
                "productId", "demo-product-" + random(products, i),
                "customerId", "demo-customer-" + random(customers, i + 7),
                "rating", 1 + random(5, i + 13),
                "text", REVIEW_TEXTS[random(REVIEW_TEXTS.length, i + 17)])));
        // Every fifth order is shipped, every tenth of those delivered, every seventh cancelled before shipping.
        inParallel(orders.size(), i -> {
            String id = orders.get(i);
            if (i % 7 == 3) {
                return post("/orders/" + id + "/cancel", Map.of("reason", "changed my mind"));
            }
            if (i % 5 == 0) {
                int shipped = postOnceConfirmed("/orders/" + id + "/ship");
                return i % 10 == 0 && shipped == 200 ? post("/orders/" + id + "/deliver", Map.of()) : shipped;
            }
            return 200;
        });
        System.out.println("Demo data loaded: " + customers + " customers, " + products + " products, "
                + orders.size() + " orders (some rejected for lack of stock), 600 reviews.");
    }

    private Map<String, Object> product(int i) {
        Map<String, Object> product = new LinkedHashMap<>();
        String kind = KINDS[i % KINDS.length];
        String colour = COLOURS[random(COLOURS.length, i)];
        product.put("id", "demo-product-" + i);
        product.put("name", colour.substring(0, 1).toUpperCase() + colour.substring(1) + " " + kind + " " + i);
        product.put("description", "A " + colour + " " + kind.toLowerCase() + " made of " + MATERIALS[i % MATERIALS.length]);
        product.put("price", Map.of("amountMinor", 500 + random(20_000, i + 3), "currency", "EUR"));
        product.put("initialStock", random(40, i + 5));
        product.put("attributes", Map.of("colour", colour, "material", MATERIALS[i % MATERIALS.length], "kind", kind.toLowerCase()));
        return product;
    }

    private Map<String, Object> order(int i, int customers, int products) {
        List<Map<String, Object>> lines = new ArrayList<>();
        int lineCount = 1 + random(3, i);
        for (int line = 0; line < lineCount; line++) {
            lines.add(Map.of("productId", "demo-product-" + ((random(products, i + line * 31) + line) % products),
                    "quantity", 1 + random(4, i + line)));
        }
        return Map.of("id", "demo-order-" + i, "customerId", "demo-customer-" + random(customers, i + 11), "lines", lines);
    }

    /** The same number for the same salt on every run, whatever order the requests go out in. */
    private static int random(int bound, int salt) {
        return new SplittableRandom(SEED + salt).nextInt(bound);
    }

    /**
     * Shipping needs the saga to have confirmed the order, which happens moments after it is placed:
     * a 409 is retried for a while; one that stays 409 is an order the saga rejected.
     */
    private int postOnceConfirmed(String path) {
        int status = post(path, Map.of());
        for (int attempt = 0; status == 409 && attempt < 50; attempt++) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return status;
            }
            status = post(path, Map.of());
        }
        return status;
    }

    private int post(String path, Map<String, Object> body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(api + path))
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 500) {
                JsonNode problem = JSON.readTree(response.body());
                throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": " + problem.path("detail").asText());
            }
            return response.statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void inParallel(int count, IntFunction<Integer> request) {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                results.add(pool.submit(() -> request.apply(index)));
            }
            for (Future<Integer> result : results) {
                result.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("The demo data set did not load", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
