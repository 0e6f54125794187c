package dev.bazaar.command.customer;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.bazaar.api.customer.CustomerDeactivated;
import dev.bazaar.api.customer.CustomerId;
import dev.bazaar.api.customer.CustomerRegistered;
import dev.bazaar.api.customer.Email;
import dev.bazaar.command.ServiceAgainstTheNode;
import io.axoniq.axonserver.grpc.SerializedObject;
import io.axoniq.axonserver.grpc.event.Event;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A customer registered before {@link CustomerRegistered} split the name: its first event is stored as
 * raw revision 1 JSON in the node. The aggregate still loads (the upcaster turns the event into revision
 * 2 on the way) and takes a command.
 */
class RevisionOneCustomerTest extends ServiceAgainstTheNode {

    @Autowired
    AxonServerConnectionManager connections;
    @Autowired
    EventStore eventStore;
    @LocalServerPort
    int port;

    @Test
    void aCustomerRegisteredAtRevisionOneLoadsAndCanBeDeactivated() throws Exception {
        CustomerId id = CustomerId.of("rev1-" + UUID.randomUUID().toString().substring(0, 8));
        appendRevisionOne(id, "{\"customerId\":\"" + id.value() + "\",\"name\":\"Grace Brewster Hopper\",\"email\":\"grace@example.com\"}");

        HttpResponse<String> deactivated = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/customers/" + id.value() + "/deactivate"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(deactivated.statusCode()).as(deactivated.body()).isEqualTo(200);
        List<Object> history = eventStore.readEvents(id.value()).asStream().map(DomainEventMessage::getPayload).map(Object.class::cast).toList();
        assertThat(history).containsExactly(
                new CustomerRegistered(id, "Grace Brewster", "Hopper", Email.of("grace@example.com")), new CustomerDeactivated(id));
    }

    private void appendRevisionOne(CustomerId id, String json) throws Exception {
        Event event = Event.newBuilder()
                .setMessageIdentifier(UUID.randomUUID().toString())
                .setAggregateIdentifier(id.value())
                .setAggregateType("Customer")
                .setAggregateSequenceNumber(0)
                .setTimestamp(System.currentTimeMillis())
                .setPayload(SerializedObject.newBuilder()
                        .setType(CustomerRegistered.class.getName())
                        .setRevision("1")
                        .setData(ByteString.copyFrom(json, StandardCharsets.UTF_8)))
                .build();
        connections.getConnection().eventChannel().appendEvents(event).get(30, TimeUnit.SECONDS);
    }
}
