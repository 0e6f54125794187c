package dev.bazaar.axonserver.eventstore;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.axoniq.axonserver.grpc.event.EventStoreGrpc;
import io.axoniq.axonserver.grpc.event.EventWithToken;
import io.axoniq.axonserver.grpc.event.GetEventsRequest;
import io.grpc.Drainable;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * An {@link EventWithToken} whose event is still the serialized {@code Event} the node stored. A
 * tracking stream sends these, so a stored event goes onto the wire as it came out of PostgreSQL
 * instead of being parsed into an {@code Event} and encoded again: the bytes on the wire are exactly
 * those of the generated message (field 1 the token, field 2 the event).
 */
record SerializedEventWithToken(long token, byte[] event) {

    /** ListEvents as the generated stub declares it, but answering with these instead of {@link EventWithToken}. */
    static final MethodDescriptor<GetEventsRequest, SerializedEventWithToken> LIST_EVENTS =
            EventStoreGrpc.getListEventsMethod().toBuilder(EventStoreGrpc.getListEventsMethod().getRequestMarshaller(), new Marshaller())
                    .build();

    private static final int TOKEN_FIELD = 1;
    private static final int EVENT_FIELD = 2;

    /** The message up to the event's bytes: the token (absent when 0, as protobuf leaves out defaults), the event's tag and length. */
    byte[] head() {
        int size = (token == 0 ? 0 : CodedOutputStream.computeInt64Size(TOKEN_FIELD, token))
                + CodedOutputStream.computeTagSize(EVENT_FIELD) + CodedOutputStream.computeUInt32SizeNoTag(event.length);
        byte[] head = new byte[size];
        CodedOutputStream output = CodedOutputStream.newInstance(head);
        try {
            if (token != 0) {
                output.writeInt64(TOKEN_FIELD, token);
            }
            output.writeTag(EVENT_FIELD, 2);
            output.writeUInt32NoTag(event.length);
            output.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot encode the event at token " + token, e);
        }
        return head;
    }

    private static final class Marshaller implements MethodDescriptor.Marshaller<SerializedEventWithToken> {

        @Override
        public InputStream stream(SerializedEventWithToken value) {
            return new MessageStream(value.head(), value.event());
        }

        @Override
        public SerializedEventWithToken parse(InputStream stream) {
            try {
                EventWithToken parsed = EventWithToken.parseFrom(stream);
                return new SerializedEventWithToken(parsed.getToken(), parsed.getEvent().toByteArray());
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalArgumentException("Not an EventWithToken message", e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * The encoded message as head and event, never copied into one array: gRPC asks for the size up
     * front ({@link KnownLength}) and then has it written straight into its frame ({@link Drainable}).
     */
    private static final class MessageStream extends InputStream implements KnownLength, Drainable {

        private final byte[] head;
        private final byte[] event;
        private int position;

        MessageStream(byte[] head, byte[] event) {
            this.head = head;
            this.event = event;
        }

        @Override
        public int drainTo(OutputStream target) throws IOException {
            int drained = available();
            if (position < head.length) {
                target.write(head, position, head.length - position);
                position = head.length;
            }
            target.write(event, position - head.length, event.length - (position - head.length));
            position = head.length + event.length;
            return drained;
        }

        @Override
        public int available() {
            return head.length + event.length - position;
        }

        @Override
        public int read() {
            if (available() == 0) {
                return -1;
            }
            int next = position < head.length ? head[position] : event[position - head.length];
            position++;
            return next & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            if (available() == 0) {
                return -1;
            }
            int count = 0;
            if (position < head.length) {
                int fromHead = Math.min(length, head.length - position);
                System.arraycopy(head, position, buffer, offset, fromHead);
                position += fromHead;
                count = fromHead;
            }
            if (count < length && position >= head.length) {
                int fromEvent = Math.min(length - count, available());
                System.arraycopy(event, position - head.length, buffer, offset + count, fromEvent);
                position += fromEvent;
                count += fromEvent;
            }
            return count;
        }
    }
}
