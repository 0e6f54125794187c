package dev.bazaar.axonserver.eventstore;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.bazaar.axonserver.storage.StoredEvent;
import io.axoniq.axonserver.grpc.event.Confirmation;
import io.axoniq.axonserver.grpc.event.EventStoreGrpc;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reads each {@code Event} of an AppendEvent call into a {@link StoredEvent} that keeps the bytes the
 * client sent: the node stores those bytes as they are instead of building an {@code Event} and
 * encoding it again.
 */
final class ReceivedEventMarshaller implements MethodDescriptor.Marshaller<StoredEvent> {

    /** AppendEvent as the generated stub declares it, but receiving {@link StoredEvent}s. */
    static final MethodDescriptor<StoredEvent, Confirmation> APPEND_EVENT = EventStoreGrpc.getAppendEventMethod()
            .toBuilder(new ReceivedEventMarshaller(), EventStoreGrpc.getAppendEventMethod().getResponseMarshaller())
            .build();

    private ReceivedEventMarshaller() {
    }

    @Override
    public StoredEvent parse(InputStream stream) {
        try {
            return EventMapping.stored(stream.readAllBytes());
        } catch (InvalidProtocolBufferException e) {
            throw Status.INTERNAL.withDescription("Invalid protobuf byte sequence").withCause(e).asRuntimeException();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public InputStream stream(StoredEvent event) {
        return new ByteArrayInputStream(event.data());
    }
}
