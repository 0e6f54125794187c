package dev.bazaar.query.relational.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bazaar.api.common.PageRequest;
import dev.bazaar.api.customer.CustomerId;
import dev.bazaar.api.customer.CustomerPage;
import dev.bazaar.api.customer.CustomerRegistered;
import dev.bazaar.api.customer.CustomerView;
import dev.bazaar.api.customer.Email;
import dev.bazaar.api.customer.FindCustomer;
import dev.bazaar.api.customer.FindCustomers;
import dev.bazaar.api.ordering.OrderStatus;
import dev.bazaar.query.relational.ServiceAgainstNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Optional;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Rebuilds in the running service: the admin API, queries answered from the live generation while the
 * next one is built, and a rebuilt read model equal to the one built live from a history of more than
 * ten thousand events of every customer and order type.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RebuildTest extends ServiceAgainstNode {

    private static final Duration REBUILT = Duration.ofSeconds(90);

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;
    @Autowired
    QueryGateway queries;
    @Autowired
    JdbcTemplate jdbc;

    private AdminClient admin;

    @BeforeAll
    void aShopWithAHistory() {
        admin = new AdminClient(port);
        History history = History.of(1400, 2800, 1);
        assertThat(history.size()).isGreaterThanOrEqualTo(10_000);
        history.appendTo(eventStore);
        awaitLiveAndCaughtUp();
    }

    @Test
    void adminCallsWithoutTheCredentialAreRefusedButHealthIsOpen() {
        AdminClient.Answer none = admin.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/admin/projections")), null, null);
        AdminClient.Answer wrong = admin.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/admin/projections")
                .resolve("/admin/projections/customers/rebuild")).POST(HttpRequest.BodyPublishers.noBody()), "admin", "guess");

        assertThat(none.status()).isEqualTo(401);
        assertThat(none.contentType()).startsWith("application/problem+json");
        assertThat(none.body().get("status").asInt()).isEqualTo(401);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(admin.projection("customers").get("state").asText()).as("the refused rebuild did not start").isEqualTo("LIVE");
        assertThat(admin.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")), null, null).status())
                .isEqualTo(200);
    }

    @Test
    void theListShowsEachProjectionWithItsPositionAndGeneration() {
        AdminClient.Answer list = admin.get("/admin/projections");

        assertThat(list.status()).isEqualTo(200);
        JsonNode customers = admin.projection("customers");
        assertThat(customers.get("state").asText()).isEqualTo("LIVE");
        assertThat(customers.get("generation").asInt()).isEqualTo(ReadModelDump.liveGeneration(jdbc, "customers"));
        assertThat(customers.get("head").asLong()).isGreaterThanOrEqualTo(10_000 - 1);
        assertThat(customers.get("position").asLong()).isEqualTo(customers.get("head").asLong());
        assertThat(customers.get("lag").asLong()).isZero();
        assertThat(customers.get("segments")).hasSize(1);
        assertThat(customers.get("segments").get(0).get("owner").asText()).isNotBlank();
        assertThat(customers.has("eventsPerSecond")).isTrue();
        assertThat(customers.get("error").isNull()).isTrue();
        assertThat(admin.projection("orders").get("state").asText()).isEqualTo("LIVE");
    }

    @Test
    void anUnknownProjectionIsNotFoundAndASecondRebuildIsAConflict() {
        AdminClient.Answer unknown = admin.post("/admin/projections/catalog/rebuild");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");

        AdminClient.Answer first = admin.post("/admin/projections/orders/rebuild");
        AdminClient.Answer second = admin.post("/admin/projections/orders/rebuild");

        assertThat(first.status()).isEqualTo(202);
        assertThat(first.body().get("state").asText()).isEqualTo("REBUILDING");
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.contentType()).startsWith("application/problem+json");
        awaitLiveAndCaughtUp();
    }

    @Test
    void queriesAnswerFromTheLiveGenerationUntilTheNextHasCaughtUpAndEventsAppendedMeanwhileEndUpInIt() throws Exception {
        long customersBefore = customers().total();
        int generation = ReadModelDump.liveGeneration(jdbc, "customers");

        AdminClient.Answer started = admin.post("/admin/projections/customers/rebuild");
        CustomerId late = CustomerId.random();
        eventStore.publish(new GenericDomainEventMessage<>("Customer", late.value(), 0,
                new CustomerRegistered(late, "Late Comer", Email.of("late@example.com"))));

        assertThat(started.status()).isEqualTo(202);
        assertThat(started.body().get("generation").asInt()).isEqualTo(generation + 1);
        int answeredWhileRebuilding = 0;
        while (true) {
            long total = customers().total();
            Optional<CustomerView> found = find(late);
            // Still rebuilding after both answers: both came from the old generation (the switch happens once).
            if (!admin.projection("customers").get("state").asText().equals("REBUILDING")) {
                break;
            }
            assertThat(total).as("queries read the whole old generation").isEqualTo(customersBefore);
            assertThat(found).as("the old generation is left as it was").isEmpty();
            answeredWhileRebuilding++;
        }
        awaitLiveAndCaughtUp();

        assertThat(answeredWhileRebuilding).isPositive();
        assertThat(ReadModelDump.liveGeneration(jdbc, "customers")).isEqualTo(generation + 1);
        assertThat(find(late)).get().extracting(CustomerView::name).isEqualTo("Late Comer");
        assertThat(customers().total()).isEqualTo(customersBefore + 1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM information_schema.schemata WHERE schema_name = ?", Long.class,
                "customers_g" + generation)).as("the old generation is dropped").isZero();
    }

    @Test
    void aRebuiltReadModelEqualsTheOneBuiltLive() {
        String builtLive = ReadModelDump.of(jdbc);
        for (OrderStatus status : OrderStatus.values()) {
            assertThat(ReadModelDump.count(jdbc, "orders", "order_status_change", "status = '" + status + "'")).as(status.name()).isPositive();
        }
        assertThat(ReadModelDump.count(jdbc, "customers", "customer", "NOT active")).isPositive();
        assertThat(ReadModelDump.count(jdbc, "customers", "customer", "name LIKE '% Renamed'")).isPositive();
        int customers = ReadModelDump.liveGeneration(jdbc, "customers");
        int orders = ReadModelDump.liveGeneration(jdbc, "orders");

        AdminClient.Answer started = admin.post("/admin/projections/rebuild");
        assertThat(started.status()).isEqualTo(202);
        assertThat(started.body().get("projections")).hasSize(2);
        awaitLiveAndCaughtUp();

        assertThat(ReadModelDump.liveGeneration(jdbc, "customers")).isEqualTo(customers + 1);
        assertThat(ReadModelDump.liveGeneration(jdbc, "orders")).isEqualTo(orders + 1);
        assertThat(ReadModelDump.of(jdbc)).isEqualTo(builtLive);
    }

    private void awaitLiveAndCaughtUp() {
        await().atMost(REBUILT).pollInterval(Duration.ofMillis(200))
                .until(() -> admin.liveAndCaughtUp("customers") && admin.liveAndCaughtUp("orders"));
    }

    private CustomerPage customers() throws Exception {
        return queries.query(new FindCustomers(new PageRequest(0, 5)), ResponseTypes.instanceOf(CustomerPage.class)).get();
    }

    private Optional<CustomerView> find(CustomerId id) throws Exception {
        return queries.query(new FindCustomer(id), ResponseTypes.optionalInstanceOf(CustomerView.class)).get();
    }
}
