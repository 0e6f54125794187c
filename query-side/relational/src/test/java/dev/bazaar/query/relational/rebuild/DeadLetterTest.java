package dev.bazaar.query.relational.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bazaar.api.customer.CustomerId;
import dev.bazaar.query.relational.ServiceAgainstNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One customer's events keep failing in the projection ({@link CustomerFault}): they are parked in the
 * customers' dead-letter queue while every other customer is projected; the admin API lists, retries and
 * evicts them; a rebuild starts the new generation with an empty queue.
 */
class DeadLetterTest extends ServiceAgainstNode {

    private static final Duration CAUGHT_UP = Duration.ofSeconds(90);

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CustomerFault fault;
    @Autowired
    MeterRegistry meters;

    private AdminClient admin;

    @BeforeEach
    void admin() {
        admin = new AdminClient(port);
    }

    @AfterEach
    void healed() {
        fault.heal();
    }

    @Test
    void oneFailingCustomerIsParkedTheOthersAreProjectedAndARetryCompletesTheReadModel() {
        CustomerId failing = CustomerId.of("c-11-3");
        fault.failFor(failing);
        History history = History.of(40, 40, 11);
        history.appendTo(eventStore);
        awaitCaughtUp();

        assertThat(customers("c-11-%")).as("every other customer is projected").isEqualTo(39);
        assertThat(customers(failing.value())).isZero();
        assertThat(ReadModelDump.count(jdbc, "orders", "customer_order", "order_id LIKE 'o-11-%'")).isEqualTo(40);
        List<JsonNode> letters = letters("customers");
        assertThat(letters).as("its registration and every later event of it").hasSizeGreaterThanOrEqualTo(2).allSatisfy(letter -> {
            assertThat(letter.get("sequenceId").asText()).isEqualTo(failing.value());
            assertThat(letter.get("ageSeconds").asDouble()).isNotNegative();
        });
        assertThat(letters.get(0).get("eventType").asText()).isEqualTo("dev.bazaar.api.customer.CustomerRegistered");
        assertThat(letters.get(0).get("sequenceNumber").asLong()).isZero();
        assertThat(letters.get(0).get("cause").asText()).contains("IllegalStateException", "test fault", failing.value());
        assertThat(letters.get(1).get("cause").isNull()).as("parked behind the failed one, never tried").isTrue();
        assertThat(deadLetterGauge("customers")).isEqualTo(letters.size());
        assertThat(letters("orders")).isEmpty();

        AdminClient.Answer stillFailing = admin.post("/admin/dead-letters/customers/retry");
        assertThat(stillFailing.status()).isEqualTo(200);
        assertThat(stillFailing.body().get("sequencesStillParked").asLong()).as("the fault is still there").isEqualTo(1);
        assertThat(customers(failing.value())).isZero();

        fault.heal();
        AdminClient.Answer retried = admin.post("/admin/dead-letters/customers/retry");

        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.body().get("sequencesRetried").asInt()).isEqualTo(1);
        assertThat(retried.body().get("sequencesStillParked").asLong()).isZero();
        assertThat(letters("customers")).isEmpty();
        assertThat(deadLetterGauge("customers")).isZero();
        assertThat(jdbc.queryForObject("SELECT version FROM customers_g" + ReadModelDump.liveGeneration(jdbc, "customers")
                + ".customer WHERE customer_id = ?", Long.class, failing.value()))
                .as("all of its events applied, in order").isEqualTo(letters.size() - 1);

        String retriedModel = ReadModelDump.of(jdbc);
        int generation = ReadModelDump.liveGeneration(jdbc, "customers");
        assertThat(admin.post("/admin/projections/customers/rebuild").status()).isEqualTo(202);
        awaitCaughtUp();
        assertThat(ReadModelDump.liveGeneration(jdbc, "customers")).isEqualTo(generation + 1);
        assertThat(ReadModelDump.of(jdbc)).as("equal to a clean rebuild").isEqualTo(retriedModel);
    }

    @Test
    void evictedLettersAreDroppedAndARebuildStartsTheNewGenerationWithItsOwnQueue() {
        CustomerId failing = CustomerId.of("c-12-5");
        fault.failFor(failing);
        History.of(20, 0, 12).appendTo(eventStore);
        awaitCaughtUp();
        List<JsonNode> parked = letters("customers");
        assertThat(parked).isNotEmpty().allSatisfy(letter -> assertThat(letter.get("sequenceId").asText()).isEqualTo(failing.value()));

        AdminClient.Answer evicted = admin.delete("/admin/dead-letters/customers");

        assertThat(evicted.status()).isEqualTo(200);
        assertThat(evicted.body().get("deadLettersEvicted").asLong()).isEqualTo(parked.size());
        assertThat(letters("customers")).isEmpty();
        assertThat(customers(failing.value())).as("an evicted event is not applied").isZero();

        assertThat(admin.post("/admin/projections/customers/rebuild").status()).isEqualTo(202);
        awaitCaughtUp();
        assertThat(letters("customers")).as("the fault is still there: parked again in the new generation").hasSameSizeAs(parked);
        fault.heal();
        assertThat(admin.post("/admin/dead-letters/customers/retry").body().get("sequencesStillParked").asLong()).isZero();
        assertThat(customers("c-12-%")).isEqualTo(20);
    }

    @Test
    void anUnknownProjectionIsNotFoundAndTheCredentialIsRequired() {
        AdminClient.Answer unknown = admin.post("/admin/dead-letters/catalog/retry");
        AdminClient.Answer anonymous = admin.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/admin/dead-letters")),
                null, null);

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(anonymous.status()).isEqualTo(401);
    }

    private void awaitCaughtUp() {
        await().atMost(CAUGHT_UP).pollInterval(Duration.ofMillis(200))
                .until(() -> admin.liveAndCaughtUp("customers") && admin.liveAndCaughtUp("orders"));
    }

    private long customers(String idPattern) {
        return ReadModelDump.count(jdbc, "customers", "customer", "customer_id LIKE '" + idPattern + "'");
    }

    private List<JsonNode> letters(String projection) {
        AdminClient.Answer list = admin.get("/admin/dead-letters");
        assertThat(list.status()).isEqualTo(200);
        JsonNode ofProjection = StreamSupport.stream(list.body().get("projections").spliterator(), false)
                .filter(entry -> entry.get("name").asText().equals(projection)).findFirst().orElseThrow();
        return StreamSupport.stream(ofProjection.get("deadLetters").spliterator(), false).toList();
    }

    private double deadLetterGauge(String projection) {
        return meters.get("bazaar.projection.dead-letters").tag("projection", projection).gauge().value();
    }
}
