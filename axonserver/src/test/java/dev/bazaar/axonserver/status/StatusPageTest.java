package dev.bazaar.axonserver.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bazaar.axonserver.grpc.AxonClientApplication;
import dev.bazaar.axonserver.grpc.RunningNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.queryhandling.QueryHandler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP side of the node: health, and a status page that shows what connected Axon applications told it. */
class StatusPageTest {

    private static final ObjectMapper json = new ObjectMapper();
    private static final HttpClient http = HttpClient.newHttpClient();

    static RunningNode node;

    @BeforeAll
    static void connectToNode() throws IOException {
        node = RunningNode.shared();
    }

    @Test
    void healthIsUp() throws Exception {
        HttpResponse<String> health = get("/actuator/health");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json.readTree(health.body()).path("status").asText()).isEqualTo("UP");
    }

    @Test
    void theStatusPageShowsClientsHandlersAndReportedEventProcessors() throws Exception {
        AxonClientApplication shelves = AxonClientApplication.named("shelves")
                .commandHandler(new Shelves())
                .queryHandler(new Shelves())
                .configure(configurer -> configurer.eventProcessing(processing -> processing
                        .registerTrackingEventProcessor("shelf-projection")
                        .registerEventHandler(c -> new ShelfProjection())))
                .connectTo(node.grpcAddress());
        try (shelves) {
            shelves.configuration().eventGateway().publish(new ShelfFilled("a1"), new ShelfFilled("a2"), new ShelfFilled("a3"));

            // Subscriptions and processor reports reach the node on their own streams, in no set order.
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                JsonNode context = defaultContext();
                return processorPosition(context, "shelf-projection") == 2
                        && values(context.path("commandHandlers"), "clientId").contains(shelves.clientId())
                        && values(context.path("queryHandlers"), "clientId").contains(shelves.clientId());
            });

            JsonNode context = defaultContext();
            assertThat(context.path("eventCount").isNumber()).isTrue();
            assertThat(context.path("headToken").isNumber()).isTrue();
            assertThat(values(context.path("clients"), "clientId")).contains(shelves.clientId());
            JsonNode commandHandler = only(context.path("commandHandlers"), "command", FillShelf.class.getName());
            assertThat(commandHandler.path("clientId").asText()).isEqualTo(shelves.clientId());
            assertThat(commandHandler.path("componentName").asText()).isEqualTo("shelves");
            assertThat(commandHandler.path("loadFactor").asInt()).isEqualTo(100);
            JsonNode queryHandler = only(context.path("queryHandlers"), "query", ShelfContents.class.getName());
            assertThat(queryHandler.path("clientId").asText()).isEqualTo(shelves.clientId());
            JsonNode processor = only(context.path("eventProcessors"), "name", "shelf-projection");
            assertThat(processor.path("clientId").asText()).isEqualTo(shelves.clientId());
            assertThat(processor.path("mode").asText()).isEqualTo("Tracking");
            assertThat(processor.path("running").asBoolean()).isTrue();
            assertThat(processor.path("segments")).hasSize(1);
            assertThat(processor.path("segments").get(0).path("onePartOf").asInt()).isEqualTo(1);
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> !values(defaultContext().path("clients"), "clientId").contains(shelves.clientId()));
        assertThat(values(defaultContext().path("commandHandlers"), "clientId")).doesNotContain(shelves.clientId());
        assertThat(values(defaultContext().path("queryHandlers"), "clientId")).doesNotContain(shelves.clientId());
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + node.httpPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode defaultContext() throws IOException, InterruptedException {
        HttpResponse<String> status = get("/v1/status");
        assertThat(status.statusCode()).isEqualTo(200);
        return only(json.readTree(status.body()).path("contexts"), "name", "default");
    }

    private static long processorPosition(JsonNode context, String processor) {
        return StreamSupport.stream(context.path("eventProcessors").spliterator(), false)
                .filter(reported -> reported.path("name").asText().equals(processor))
                .flatMap(reported -> StreamSupport.stream(reported.path("segments").spliterator(), false))
                .mapToLong(segment -> segment.path("tokenPosition").asLong())
                .findFirst()
                .orElse(Long.MIN_VALUE);
    }

    private static JsonNode only(JsonNode array, String field, String value) {
        List<JsonNode> matching = StreamSupport.stream(array.spliterator(), false)
                .filter(element -> element.path(field).asText().equals(value))
                .toList();
        assertThat(matching).hasSize(1);
        return matching.get(0);
    }

    private static List<String> values(JsonNode array, String field) {
        return StreamSupport.stream(array.spliterator(), false).map(element -> element.path(field).asText()).toList();
    }

    record FillShelf(@TargetAggregateIdentifier String shelf) {
    }

    record ShelfContents(String shelf) {
    }

    record ShelfFilled(String shelf) {
    }

    static class Shelves {

        @CommandHandler
        void handle(FillShelf command) {
            // accepting the command is all this test needs
        }

        @QueryHandler
        String handle(ShelfContents query) {
            return query.shelf();
        }
    }

    @ProcessingGroup("shelf-projection")
    static class ShelfProjection {

        @EventHandler
        void on(ShelfFilled event) {
            // the processor's position is what the status page reports
        }
    }
}
