package dev.bazaar.query.relational.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bazaar.api.customer.CustomerId;
import dev.bazaar.api.customer.CustomerRegistered;
import dev.bazaar.api.customer.Email;
import dev.bazaar.query.relational.ServiceAgainstNode;
import dev.bazaar.query.relational.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The service's PostgreSQL goes away while the service runs: health says DOWN and the admin API shows
 * both projections in error, with when each retries next, within a bounded time; when PostgreSQL is back, the same processors (the
 * service is not restarted) go on from their stored tokens and project what was appended meanwhile.
 */
class DatabaseOutageTest extends ServiceAgainstNode {

    private static final Duration NOTICED = Duration.ofSeconds(30);
    private static final Duration RESUMED = Duration.ofSeconds(120);

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    MeterRegistry meters;

    @Test
    void whilePostgresIsDownHealthIsDownAndTheProjectionsAreInErrorAndWhenItIsBackTheyResumeFromTheirTokens() {
        AdminClient admin = new AdminClient(port);
        await().atMost(RESUMED).until(() -> admin.liveAndCaughtUp("customers") && admin.liveAndCaughtUp("orders"));
        EventProcessor customers = processing.eventProcessor("customers").orElseThrow();
        double appliedBefore = applied("customers");
        CustomerId during = CustomerId.random();

        Instant stoppedAt = Instant.now();
        TestDatabase.stop();
        try {
            eventStore.publish(new GenericDomainEventMessage<>("Customer", during.value(), 0,
                    new CustomerRegistered(during, "Dana Outage", Email.of("dana@example.com"))));

            await().atMost(NOTICED).until(() -> health().status() == 503);
            assertThat(health().body().get("status").asText()).isEqualTo("DOWN");
            await().atMost(NOTICED).until(() -> inError(admin.projection("customers")) && inError(admin.projection("orders")));
            assertThat(admin.projection("customers").get("error").asText()).contains("does not answer");
            await().atMost(NOTICED).until(() -> !admin.projection("customers").get("nextRetryAt").isNull());
            Instant nextRetry = Instant.parse(admin.projection("customers").get("nextRetryAt").asText());
            assertThat(nextRetry).as("after a failure seen since the stop, at most Axon's longest back-off away")
                    .isAfter(stoppedAt).isBefore(Instant.now().plusSeconds(61));
        } finally {
            TestDatabase.start();
        }

        await().atMost(RESUMED).until(() -> health().status() == 200
                && admin.liveAndCaughtUp("customers") && admin.liveAndCaughtUp("orders"));
        assertThat(admin.projection("customers").get("nextRetryAt").isNull()).as("nothing pending once it goes on").isTrue();
        assertThat(ReadModelDump.count(jdbc, "customers", "customer", "customer_id = '" + during.value() + "'")).isEqualTo(1);
        assertThat(processing.eventProcessor("customers").orElseThrow()).as("the same processor, not restarted").isSameAs(customers);
        assertThat(customers.isRunning()).isTrue();
        assertThat(applied("customers") - appliedBefore).as("went on from its token: no replay from the tail").isLessThan(100);
    }

    private AdminClient.Answer health() {
        return new AdminClient(port).send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")), null, null);
    }

    private static boolean inError(JsonNode projection) {
        return projection.get("state").asText().equals("ERROR") && !projection.get("error").isNull();
    }

    private double applied(String projection) {
        return meters.get("bazaar.projection.events").tag("projection", projection).counter().count();
    }
}
