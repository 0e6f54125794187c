package dev.bazaar.bench.system;

import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.http.HttpProtocolBuilder;

/** How a plan turns into Gatling's injection profile and HTTP client, the same for every simulation. */
final class Injections {

    private Injections() {
    }

    static PopulationBuilder inject(ScenarioBuilder scenario, LoadPlan plan) {
        return switch (plan.injection()) {
            case OPEN -> scenario.injectOpen(constantUsersPerSec(plan.amount()).during(plan.duration()));
            case CLOSED -> scenario.injectClosed(constantConcurrentUsers(plan.amount()).during(plan.duration()));
        };
    }

    /**
     * One pool of keep-alive connections shared by all virtual users, as a service calling another
     * would: one user per request must not mean one TCP handshake per request (and tens of thousands
     * of sockets in TIME_WAIT).
     */
    static HttpProtocolBuilder protocol(String baseUrl) {
        return http.baseUrl(baseUrl).shareConnections().disableWarmUp().disableCaching()
                .contentTypeHeader("application/json").acceptHeader("application/json");
    }
}
