package dev.bazaar.axonserver.eventstore;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.bazaar.axonserver.storage.StoredEvent;
import io.axoniq.axonserver.grpc.event.Event;

/** Between the protocol's {@link Event} and what the storage keeps: the columns it searches by and the message's bytes. */
final class EventMapping {

    private EventMapping() {
    }

    static StoredEvent stored(Event event) {
        return StoredEvent.unappended(event.getAggregateIdentifier(), event.getAggregateSequenceNumber(), event.getTimestamp(),
                event.getPayload().getType(), event.getPayload().getRevision(), event.toByteArray());
    }

    static StoredEvent storedSnapshot(Event snapshot) {
        return stored(snapshot.toBuilder().setSnapshot(true).build());
    }

    static Event event(byte[] data) {
        try {
            return Event.parseFrom(data);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("A stored event is not a serialized Event message", e);
        }
    }
}
