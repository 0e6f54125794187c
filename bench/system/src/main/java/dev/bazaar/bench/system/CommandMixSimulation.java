package dev.bazaar.bench.system;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

/**
 * The command mix over REST, one command per virtual user: registrations 10%, product changes 15%
 * (price, details, restock), orders that run the saga 55%, reviews 20%. 409 is a valid answer (a
 * concurrent change of the same product, a registration the shop refuses); anything else outside
 * 2xx is a failure.
 */
public class CommandMixSimulation extends Simulation {

    public CommandMixSimulation() {
        LoadPlan plan = LoadPlan.current;
        Shop shop = LoadPlan.shop;
        ChainBuilder register = send(plan, "register customer", http("register customer").post("/api/customers")
                .body(StringBody(s -> Shop.json(shop.registration(shop.nextId("c"))))));
        ChainBuilder changePrice = onAProduct(shop).exec(send(plan, "change price",
                http("change price").put("/api/products/#{product}/price").body(StringBody(s -> Shop.json(shop.price())))));
        ChainBuilder changeDetails = onAProduct(shop).exec(send(plan, "change details",
                http("change details").put("/api/products/#{product}/details")
                        .body(StringBody(s -> Shop.json(shop.details(s.getString("product")))))));
        ChainBuilder restock = onAProduct(shop).exec(send(plan, "restock",
                http("restock").post("/api/products/#{product}/restock").body(StringBody(s -> Shop.json(shop.restock())))));
        ChainBuilder order = send(plan, "place order", http("place order").post("/api/orders")
                .body(StringBody(s -> Shop.json(shop.order(shop.nextId("o"), Shop.randomOf(shop.customers))))));
        ChainBuilder review = send(plan, "submit review", http("submit review").post("/api/reviews")
                .body(StringBody(s -> Shop.json(shop.review(shop.nextId("r"), Shop.randomOf(shop.products))))));
        ScenarioBuilder commands = scenario("commands").exec(randomSwitch().on(
                percent(10.0).then(register), percent(5.0).then(changePrice), percent(5.0).then(changeDetails),
                percent(5.0).then(restock), percent(55.0).then(order), percent(20.0).then(review)));
        setUp(Injections.inject(commands, plan)).protocols(Injections.protocol(shop.commandUrl));
    }

    /** Product changes go to plenty and scarce products alike: a restock is what lets scarce ones sell again. */
    private static ChainBuilder onAProduct(Shop shop) {
        return exec(session -> session.set("product", Shop.randomOf(
                session.userId() % 4 == 0 ? shop.scarceProducts : shop.products)));
    }

    private static ChainBuilder send(LoadPlan plan, String name, HttpRequestActionBuilder request) {
        return exec(request.check(
                        responseTimeInMillis().saveAs(Latencies.RESPONSE_TIME),
                        status().saveAs(Latencies.STATUS),
                        status().in(200, 201, 409)))
                .exec(session -> Latencies.record(plan.phase(), name, session));
    }
}
