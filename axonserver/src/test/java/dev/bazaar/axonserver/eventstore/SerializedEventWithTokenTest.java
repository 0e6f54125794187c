package dev.bazaar.axonserver.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.axoniq.axonserver.grpc.SerializedObject;
import io.axoniq.axonserver.grpc.event.Event;
import io.axoniq.axonserver.grpc.event.EventWithToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** The tracking stream writes stored bytes itself: they must be exactly what the generated message would send. */
class SerializedEventWithTokenTest {

    private static final Event EVENT = Event.newBuilder()
            .setMessageIdentifier("message-1").setAggregateIdentifier("order-1").setAggregateSequenceNumber(3)
            .setAggregateType("Order").setTimestamp(1_700_000_000_000L)
            .setPayload(SerializedObject.newBuilder().setType("ItemAdded").setRevision("1")
                    .setData(ByteString.copyFromUtf8("{\"sku\":\"SKU-1\",\"quantity\":" + "9".repeat(300) + "}")))
            .build();

    @Test
    void theWireBytesAreThoseOfTheGeneratedMessage() throws IOException {
        for (long token : new long[]{0, 1, 127, 128, 1_000_000, Long.MAX_VALUE}) {
            EventWithToken generated = EventWithToken.newBuilder().setToken(token).setEvent(EVENT).build();

            byte[] drained = drain(stream(token));
            byte[] read = stream(token).readAllBytes();

            assertThat(drained).isEqualTo(generated.toByteArray());
            assertThat(read).isEqualTo(generated.toByteArray());
            assertThat(SerializedEventWithToken.LIST_EVENTS.parseResponse(stream(token)).token()).isEqualTo(token);
        }
    }

    @Test
    void smallReadsCrossFromTheHeadIntoTheEvent() throws IOException {
        InputStream stream = stream(1_000_000);
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        byte[] buffer = new byte[3];
        for (int count = stream.read(buffer, 0, 3); count > 0; count = stream.read(buffer, 0, 3)) {
            read.write(buffer, 0, count);
        }
        assertThat(read.toByteArray()).isEqualTo(EventWithToken.newBuilder().setToken(1_000_000).setEvent(EVENT).build().toByteArray());
        assertThat(stream.read()).isEqualTo(-1);
    }

    private static InputStream stream(long token) {
        return SerializedEventWithToken.LIST_EVENTS.streamResponse(new SerializedEventWithToken(token, EVENT.toByteArray()));
    }

    private static byte[] drain(InputStream stream) throws IOException {
        ByteArrayOutputStream target = new ByteArrayOutputStream();
        int drained = ((io.grpc.Drainable) stream).drainTo(target);
        assertThat(drained).isEqualTo(target.size());
        return target.toByteArray();
    }
}
