package dev.bazaar.bench.system;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The knobs of a run, as {@code -Dbench.*} system properties; the defaults make a full run of about eight minutes. */
record Settings(Path repository, Path results, Duration duration, Duration warmUp, List<Integer> commandRates,
                int saturationClients, int freshnessRate, List<Integer> graphqlRates, List<LoadPlan.Workload> graphqlQueries,
                int customers, int products, int reviewsPerProduct, int ordersPerCustomer, Set<String> phases,
                double quietCores, Duration quietTimeout) {

    boolean runs(String phase) {
        return phases.contains(phase);
    }

    static Settings fromSystemProperties() {
        return new Settings(
                Path.of(System.getProperty("bazaar.repository", ".")).toAbsolutePath().normalize(),
                Path.of(System.getProperty("bench.results", "bench/results")).toAbsolutePath().normalize(),
                Duration.ofSeconds(Long.getLong("bench.duration", 30)),
                Duration.ofSeconds(Long.getLong("bench.warmup", 90)),
                integers(System.getProperty("bench.rates", "100,500,1000")),
                Integer.getInteger("bench.saturation.clients", 64),
                Integer.getInteger("bench.freshness.rate", 100),
                integers(System.getProperty("bench.graphql.rate", "500")),
                Arrays.stream(System.getProperty("bench.graphql.queries", "search,customer").split(",")).map(String::trim)
                        .map(Settings::graphqlQuery).toList(),
                Integer.getInteger("bench.customers", 300),
                Integer.getInteger("bench.products", 200),
                Integer.getInteger("bench.reviews", 2),
                Integer.getInteger("bench.orders", 20),
                Set.of(System.getProperty("bench.phases", "commands,freshness,graphql").split(",")),
                Double.parseDouble(System.getProperty("bench.quiet.cores", "0.25")),
                Duration.ofSeconds(Long.getLong("bench.quiet.timeout", 120)));
    }

    private static List<Integer> integers(String list) {
        return Arrays.stream(list.split(",")).map(String::trim).map(Integer::valueOf).toList();
    }

    private static LoadPlan.Workload graphqlQuery(String name) {
        return switch (name) {
            case "search" -> LoadPlan.Workload.PRODUCT_SEARCH;
            case "customer" -> LoadPlan.Workload.CUSTOMER_ORDERS;
            default -> throw new IllegalArgumentException("bench.graphql.queries takes search and/or customer, not " + name);
        };
    }

    Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("durationSeconds", duration.toSeconds());
        map.put("warmUpSeconds", warmUp.toSeconds());
        map.put("commandRates", commandRates);
        map.put("saturationClients", saturationClients);
        map.put("freshnessBackgroundRate", freshnessRate);
        map.put("graphqlRates", graphqlRates);
        map.put("graphqlQueries", graphqlQueries);
        map.put("customers", customers);
        map.put("products", products);
        map.put("reviewsPerProduct", reviewsPerProduct);
        map.put("ordersPerCustomer", ordersPerCustomer);
        map.put("phases", phases);
        map.put("quietCores", quietCores);
        map.put("quietTimeoutSeconds", quietTimeout.toSeconds());
        return map;
    }
}
