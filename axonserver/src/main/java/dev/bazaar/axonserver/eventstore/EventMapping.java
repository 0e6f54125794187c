package dev.bazaar.axonserver.eventstore;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import dev.bazaar.axonserver.storage.StoredEvent;
import io.axoniq.axonserver.grpc.SerializedObject;
import io.axoniq.axonserver.grpc.event.Event;
import java.io.IOException;

/** Between the protocol's {@link Event} and what the storage keeps: the columns it searches by and the message's bytes. */
final class EventMapping {

    private static final int AGGREGATE_ID = tag(Event.AGGREGATE_IDENTIFIER_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    private static final int SEQUENCE_NUMBER = tag(Event.AGGREGATE_SEQUENCE_NUMBER_FIELD_NUMBER, WireFormat.WIRETYPE_VARINT);
    private static final int TIMESTAMP = tag(Event.TIMESTAMP_FIELD_NUMBER, WireFormat.WIRETYPE_VARINT);
    private static final int PAYLOAD = tag(Event.PAYLOAD_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    private static final int PAYLOAD_TYPE = tag(SerializedObject.TYPE_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    private static final int PAYLOAD_REVISION = tag(SerializedObject.REVISION_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);

    private EventMapping() {
    }

    /**
     * A serialized {@link Event} as the client sent it, kept byte for byte: only the fields the storage
     * searches by are read, the payload's data and the metadata are skipped, nothing is encoded again.
     * A field that occurs twice counts with its last value, as protobuf's own parser has it.
     */
    static StoredEvent stored(byte[] serialized) throws InvalidProtocolBufferException {
        CodedInputStream input = CodedInputStream.newInstance(serialized);
        String aggregateId = "";
        long sequenceNumber = 0;
        long timestamp = 0;
        String payloadType = "";
        String payloadRevision = "";
        try {
            for (int tag = input.readTag(); tag != 0; tag = input.readTag()) {
                if (tag == AGGREGATE_ID) {
                    aggregateId = input.readStringRequireUtf8();
                } else if (tag == SEQUENCE_NUMBER) {
                    sequenceNumber = input.readInt64();
                } else if (tag == TIMESTAMP) {
                    timestamp = input.readInt64();
                } else if (tag == PAYLOAD) {
                    int outer = input.pushLimit(input.readRawVarint32());
                    for (int payloadTag = input.readTag(); payloadTag != 0; payloadTag = input.readTag()) {
                        if (payloadTag == PAYLOAD_TYPE) {
                            payloadType = input.readStringRequireUtf8();
                        } else if (payloadTag == PAYLOAD_REVISION) {
                            payloadRevision = input.readStringRequireUtf8();
                        } else if (!input.skipField(payloadTag)) {
                            break;
                        }
                    }
                    input.popLimit(outer);
                } else if (!input.skipField(tag)) {
                    break;
                }
            }
        } catch (InvalidProtocolBufferException e) {
            throw e;
        } catch (IOException e) {
            throw new InvalidProtocolBufferException(e);
        }
        return StoredEvent.unappended(aggregateId, sequenceNumber, timestamp, payloadType, payloadRevision, serialized);
    }

    private static StoredEvent stored(Event event) {
        return StoredEvent.unappended(event.getAggregateIdentifier(), event.getAggregateSequenceNumber(), event.getTimestamp(),
                event.getPayload().getType(), event.getPayload().getRevision(), event.toByteArray());
    }

    private static int tag(int fieldNumber, int wireType) {
        return fieldNumber << 3 | wireType;
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
