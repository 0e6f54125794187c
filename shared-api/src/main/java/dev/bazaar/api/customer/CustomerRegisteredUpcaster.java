package dev.bazaar.api.customer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * {@link CustomerRegistered} revision 1 to 2: the stored {@code name} becomes {@code givenName} and
 * {@code familyName}, split the way the event's own constructor splits a full name. Every service that
 * reads customer events registers this as a Spring bean; Axon adds {@code EventUpcaster} beans to its
 * upcaster chain.
 */
public class CustomerRegisteredUpcaster extends SingleEventUpcaster {

    private static final SimpleSerializedType REVISION_1 = new SimpleSerializedType(CustomerRegistered.class.getName(), "1");
    private static final SimpleSerializedType REVISION_2 = new SimpleSerializedType(CustomerRegistered.class.getName(), "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return representation.getType().equals(REVISION_1);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(REVISION_2, JsonNode.class, payload -> {
            ObjectNode event = ((ObjectNode) payload).deepCopy();
            String name = event.remove("name").asText();
            event.put("givenName", CustomerRegistered.givenNameOf(name));
            event.put("familyName", CustomerRegistered.familyNameOf(name));
            return event;
        });
    }
}
