package dev.bazaar.axonserver.eventstore;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.axoniq.axonserver.connector.event.EventChannel;
import java.util.UUID;
import org.axonframework.axonserver.connector.AxonServerConfiguration;
import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.axonframework.axonserver.connector.event.axon.AxonServerEventStore;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * An application's event store as Axon Framework builds it against Axon Server: the stock
 * {@link AxonServerEventStore} over an {@link AxonServerConnectionManager}, on one context.
 */
final class AxonEventStoreClient implements AutoCloseable {

    private final AxonServerConnectionManager connections;
    private final AxonServerEventStore eventStore;
    private final String context;

    AxonEventStoreClient(String servers, String context) {
        this.context = context;
        AxonServerConfiguration configuration = AxonServerConfiguration.builder()
                .servers(servers)
                .context(context)
                .componentName("eventstore-test")
                .clientId("eventstore-test-" + UUID.randomUUID())
                .suppressDownloadMessage()
                .build();
        configuration.setCommitTimeout(5_000);
        connections = AxonServerConnectionManager.builder().axonServerConfiguration(configuration).build();
        connections.start();
        JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(new ObjectMapper()
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)).build();
        eventStore = AxonServerEventStore.builder()
                .configuration(configuration)
                .platformConnectionManager(connections)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .defaultContext(context)
                .snapshotFilter(SnapshotFilter.allowAll())
                .build();
    }

    AxonServerEventStore eventStore() {
        return eventStore;
    }

    /** The connector's own event channel, for the token calls the framework wraps. */
    EventChannel eventChannel() {
        return connections.getConnection(context).eventChannel();
    }

    @Override
    public void close() {
        connections.shutdown();
    }
}
