package dev.bazaar.bench.system;

import java.time.Duration;

/**
 * One Gatling run: what to send and how. Gatling instantiates simulations itself, by class name, so
 * the plan of the run about to start is handed over through {@link #current}.
 */
record LoadPlan(String phase, Workload workload, Injection injection, int amount, Duration duration) {

    enum Workload { COMMANDS, PRODUCT_SEARCH, CUSTOMER_ORDERS }

    /** OPEN: {@code amount} new requests per second whatever the answers; CLOSED: {@code amount} clients, each sending its next request on the answer. */
    enum Injection { OPEN, CLOSED }

    static volatile LoadPlan current;
    static volatile Shop shop;

    static LoadPlan open(String phase, Workload workload, int perSecond, Duration duration) {
        return new LoadPlan(phase, workload, Injection.OPEN, perSecond, duration);
    }

    static LoadPlan closed(String phase, Workload workload, int clients, Duration duration) {
        return new LoadPlan(phase, workload, Injection.CLOSED, clients, duration);
    }
}
