package dev.bazaar.query.document.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bazaar.api.catalog.ProductAdded;
import dev.bazaar.api.catalog.ProductId;
import dev.bazaar.api.common.Money;
import dev.bazaar.embedded.mongo.EmbeddedMongoServer;
import dev.bazaar.testsupport.AxonServerNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service's MongoDB-protocol server goes away while the service runs: health says DOWN and the admin API
 * shows the catalog in error, with when it retries next, within a bounded time; when the server is back on the
 * same port and data file, the same processors (the service is not restarted) go on from their stored tokens
 * and project what was appended meanwhile.
 *
 * <p>The server is this test's, not the service's embedded one, so that it can be closed and started again;
 * this context is the only one of this module with its own MongoDB, and is closed after the class so that
 * only the shared one answers queries through the node afterwards.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class MongoOutageTest {

    private static final Duration NOTICED = Duration.ofSeconds(45);
    private static final Duration RESUMED = Duration.ofMinutes(2);
    private static final Path DATA_FILE = dataFile();
    private static EmbeddedMongoServer server = EmbeddedMongoServer.start(DATA_FILE, 0);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("axon.axonserver.servers", () -> AxonServerNode.shared().grpcAddress());
        registry.add("spring.data.mongodb.uri", () -> server.connectionString("catalog"));
    }

    @AfterAll
    static void closeServer() {
        server.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    EventStore events;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    MeterRegistry meters;

    @Test
    void whileMongoIsDownHealthIsDownAndTheCatalogIsInErrorAndWhenItIsBackItResumesFromItsTokens() {
        AdminClient admin = new AdminClient("http://localhost:" + port, ServiceAgainstTheNode.ADMIN, ServiceAgainstTheNode.PASSWORD);
        long head = head();
        await().atMost(RESUMED).until(() -> admin.liveAt("catalog", head) && admin.liveAt("reviews", head));
        EventProcessor catalog = processing.eventProcessor("catalog").orElseThrow();
        double appliedBefore = applied("catalog");
        ProductId during = ProductId.of("outage-" + Instant.now().toEpochMilli());

        Instant stoppedAt = Instant.now();
        int mongoPort = server.port();
        server.close();
        try {
            events.publish(new GenericDomainEventMessage<>("Product", during.value(), 0,
                    new ProductAdded(during, "Added while MongoDB was down", "", Money.of(500, "EUR"), 3, Map.of())));

            await().atMost(NOTICED).until(() -> health() == 503);
            await().atMost(NOTICED).until(() -> inErrorWithARetry(admin.projection("catalog")));
            JsonNode status = admin.projection("catalog");
            assertThat(status.get("error").asText()).as("what failed").isNotBlank();
            assertThat(Instant.parse(status.get("nextRetryAt").asText()))
                    .as("after a failure seen since the stop, at most Axon's longest back-off away")
                    .isAfter(stoppedAt).isBefore(Instant.now().plusSeconds(61));
        } finally {
            server = EmbeddedMongoServer.start(DATA_FILE, mongoPort);
        }

        long headAfter = head();
        await().atMost(RESUMED).until(() -> health() == 200 && admin.liveAt("catalog", headAfter));
        JsonNode resumed = admin.projection("catalog");
        assertThat(resumed.get("state").asText()).isEqualTo("LIVE");
        assertThat(resumed.get("nextRetryAt").isNull()).as("nothing pending once it goes on").isTrue();
        Document product = mongo.getCollection("products_g" + ReadModelDump.liveGeneration(mongo.getDb(), "catalog"))
                .find(new Document("_id", during.value())).first();
        assertThat(product).as("the event appended while MongoDB was down is projected").isNotNull();
        assertThat(processing.eventProcessor("catalog").orElseThrow()).as("the same processor, not restarted").isSameAs(catalog);
        assertThat(catalog.isRunning()).isTrue();
        assertThat(applied("catalog") - appliedBefore).as("went on from its token: no replay from the tail").isLessThan(100);
    }

    private static boolean inErrorWithARetry(JsonNode projection) {
        return projection.get("state").asText().equals("ERROR") && !projection.get("error").isNull()
                && !projection.get("nextRetryAt").isNull();
    }

    private int health() {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private long head() {
        TrackingToken head = events.createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }

    private double applied(String projection) {
        return meters.find("bazaar.projection.events").tag("projection", projection).counters().stream()
                .mapToDouble(counter -> counter.count()).sum();
    }

    private static Path dataFile() {
        try {
            Path directory = Files.createTempDirectory("mongo-outage");
            directory.toFile().deleteOnExit();
            return directory.resolve("mongo.mv");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
