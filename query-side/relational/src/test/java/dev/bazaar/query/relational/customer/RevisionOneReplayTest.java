package dev.bazaar.query.relational.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import dev.bazaar.api.customer.CustomerId;
import dev.bazaar.api.customer.CustomerRegistered;
import dev.bazaar.api.customer.CustomerView;
import dev.bazaar.api.customer.FindCustomer;
import dev.bazaar.query.relational.ServiceAgainstNode;
import io.axoniq.axonserver.grpc.SerializedObject;
import io.axoniq.axonserver.grpc.event.Event;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.RestClient;

/**
 * Customer events stored at revision 1, before {@link CustomerRegistered} split the name, are appended
 * to the node as raw revision 1 JSON (the shape they were stored in) and read by the service live and in
 * a rebuild: the upcaster turns them into the current shape on the way.
 */
class RevisionOneReplayTest extends ServiceAgainstNode {

    @Autowired
    AxonServerConnectionManager connections;
    @Autowired
    QueryGateway queries;
    @LocalServerPort
    int port;

    @Test
    void revisionOneEventsAreProjectedLiveAndInARebuild() throws Exception {
        CustomerId ada = CustomerId.random();
        appendRevisionOne(ada, "{\"customerId\":\"" + ada.value() + "\",\"name\":\"Ada King Lovelace\",\"email\":\"ada@example.com\"}");

        await().atMost(Duration.ofSeconds(30)).until(() -> find(ada).isPresent());
        assertThat(find(ada)).get().extracting(CustomerView::name, CustomerView::email)
                .containsExactly("Ada King Lovelace", "ada@example.com");

        RestClient admin = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeaders(headers -> headers.setBasicAuth("admin", "bazaar-admin")).build();
        assertThat(admin.post().uri("/admin/projections/customers/rebuild").retrieve().toBodilessEntity().getStatusCode())
                .isEqualTo(HttpStatus.ACCEPTED);
        await().atMost(Duration.ofSeconds(90)).until(() -> admin.get().uri("/admin/projections").retrieve().body(String.class)
                .contains("\"name\":\"customers\",\"state\":\"LIVE\""));

        assertThat(find(ada)).get().extracting(CustomerView::name).isEqualTo("Ada King Lovelace");
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

    private Optional<CustomerView> find(CustomerId id) throws Exception {
        return queries.query(new FindCustomer(id), ResponseTypes.optionalInstanceOf(CustomerView.class)).get(30, TimeUnit.SECONDS);
    }
}
