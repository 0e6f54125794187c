package dev.bazaar.api.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

/** Stored revision 1 JSON, as the event store holds it, through Axon's upcaster chain and the services' serializer. */
class CustomerRegisteredUpcasterTest {

    private final JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
    private final EventUpcasterChain chain = new EventUpcasterChain(new CustomerRegisteredUpcaster());

    @Test
    void aRevisionOneEventBecomesTheCurrentShape() {
        Object upcast = replay("{\"customerId\":\"c-1\",\"name\":\"Ann Marie Lee\",\"email\":\"ann@example.com\"}", "1");

        assertThat(upcast).isEqualTo(new CustomerRegistered(CustomerId.of("c-1"), "Ann Marie", "Lee", Email.of("ann@example.com")));
        assertThat(((CustomerRegistered) upcast).name()).isEqualTo("Ann Marie Lee");
    }

    @Test
    void aOneWordNameIsAGivenNameAlone() {
        Object upcast = replay("{\"customerId\":\"c-2\",\"name\":\"Prince\",\"email\":\"p@example.com\"}", "1");

        assertThat(upcast).isEqualTo(new CustomerRegistered(CustomerId.of("c-2"), "Prince", "", Email.of("p@example.com")));
    }

    @Test
    void aCurrentEventPassesUnchanged() {
        CustomerRegistered current = new CustomerRegistered(CustomerId.of("c-3"), "Bo", "Ng", Email.of("bo@example.com"));
        SerializedObject<String> stored = serializer.serialize(current, String.class);

        assertThat(stored.getType().getRevision()).isEqualTo("2");
        assertThat(stored.getData()).contains("\"givenName\":\"Bo\"").contains("\"familyName\":\"Ng\"").doesNotContain("\"name\"");
        assertThat(replay(stored.getData(), "2")).isEqualTo(current);
    }

    private Object replay(String json, String revision) {
        SerializedObject<byte[]> payload = new SimpleSerializedObject<>(json.getBytes(), byte[].class,
                CustomerRegistered.class.getName(), revision);
        SerializedObject<byte[]> metaData = new SimpleSerializedObject<>("{}".getBytes(), byte[].class, "org.axonframework.messaging.MetaData", null);
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>("Customer", "c-1", 0, "event-1", Instant.now(),
                payload.getType().getName(), payload.getType().getRevision(), payload.getData(), metaData.getData());
        List<IntermediateEventRepresentation> upcast = chain.upcast(Stream.of(new InitialEventRepresentation(entry, serializer))).toList();
        assertThat(upcast).hasSize(1);
        return serializer.deserialize(upcast.get(0).getData());
    }
}
