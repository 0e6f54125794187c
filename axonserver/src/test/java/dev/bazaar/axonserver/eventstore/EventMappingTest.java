package dev.bazaar.axonserver.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.bazaar.axonserver.storage.StoredEvent;
import io.axoniq.axonserver.grpc.MetaDataValue;
import io.axoniq.axonserver.grpc.SerializedObject;
import io.axoniq.axonserver.grpc.event.Event;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Appended events are read field by field from the client's bytes: the columns must be those protobuf's own parser finds. */
class EventMappingTest {

    private static final Event EVENT = Event.newBuilder()
            .setMessageIdentifier("message-1").setAggregateIdentifier("order-ü-1").setAggregateSequenceNumber(300)
            .setAggregateType("Order").setTimestamp(1_700_000_000_000L)
            .setPayload(SerializedObject.newBuilder().setType("ItemAdded").setRevision("2")
                    .setData(ByteString.copyFromUtf8("{\"sku\":\"SKU-1\",\"quantity\":" + "9".repeat(300) + "}")))
            .putMetaData("traceId", MetaDataValue.newBuilder().setTextValue("trace-1").build())
            .putMetaData("attempt", MetaDataValue.newBuilder().setNumberValue(2).build())
            .build();

    @Test
    void theColumnsAreReadFromTheBytesTheClientSentWhichAreKeptAsTheyAre() throws InvalidProtocolBufferException {
        byte[] sent = EVENT.toByteArray();

        StoredEvent stored = EventMapping.stored(sent);

        assertThat(stored.aggregateId()).isEqualTo("order-ü-1");
        assertThat(stored.sequenceNumber()).isEqualTo(300);
        assertThat(stored.timestamp()).isEqualTo(1_700_000_000_000L);
        assertThat(stored.payloadType()).isEqualTo("ItemAdded");
        assertThat(stored.payloadRevision()).isEqualTo("2");
        assertThat(stored.data()).isSameAs(sent);
        assertThat(Event.parseFrom(stored.data())).isEqualTo(EVENT);
    }

    @Test
    void anEventWithoutAggregateOrPayloadFieldsHasTheDefaults() throws InvalidProtocolBufferException {
        StoredEvent stored = EventMapping.stored(Event.newBuilder().setMessageIdentifier("m").setTimestamp(5).build().toByteArray());

        assertThat(stored.belongsToAggregate()).isFalse();
        assertThat(stored.sequenceNumber()).isZero();
        assertThat(stored.timestamp()).isEqualTo(5);
        assertThat(stored.payloadType()).isEmpty();
        assertThat(stored.payloadRevision()).isEmpty();
    }

    @Test
    void aFieldSentTwiceCountsWithItsLastValueAsInProtobufsParser() throws InvalidProtocolBufferException {
        Event later = Event.newBuilder().setAggregateIdentifier("order-2").setAggregateSequenceNumber(7)
                .setPayload(SerializedObject.newBuilder().setRevision("3")).build();
        byte[] concatenated = concat(EVENT.toByteArray(), later.toByteArray());
        Event parsed = Event.parseFrom(concatenated);

        StoredEvent stored = EventMapping.stored(concatenated);

        assertThat(stored.aggregateId()).isEqualTo(parsed.getAggregateIdentifier()).isEqualTo("order-2");
        assertThat(stored.sequenceNumber()).isEqualTo(parsed.getAggregateSequenceNumber());
        assertThat(stored.payloadType()).isEqualTo(parsed.getPayload().getType()).isEqualTo("ItemAdded");
        assertThat(stored.payloadRevision()).isEqualTo(parsed.getPayload().getRevision()).isEqualTo("3");
    }

    @Test
    void bytesThatAreNoEventAreRefused() {
        byte[] truncated = Arrays.copyOf(EVENT.toByteArray(), 60);

        assertThatThrownBy(() -> EventMapping.stored(truncated)).isInstanceOf(InvalidProtocolBufferException.class);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
