package dev.bazaar.query.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.deadletter.InMemorySequencedDeadLetterQueue;
import org.junit.jupiter.api.Test;

/**
 * Over Axon's own in-memory queue: the decorator's choice does not depend on the store, and the
 * MongoDB queue it guards in the document service is exercised there by DeadLetterTest.
 */
class RollbackAwareDeadLetterQueueTest {

    private final RollbackAwareDeadLetterQueue queue =
            new RollbackAwareDeadLetterQueue(InMemorySequencedDeadLetterQueue.<EventMessage<?>>defaultQueue());

    private static DeadLetter<EventMessage<?>> letter(long position, String payload) {
        EventMessage<?> event = new GenericTrackedEventMessage<>(new GlobalSequenceTrackingToken(position),
                GenericEventMessage.asEventMessage(payload));
        return new GenericDeadLetter<>("product-1", event, new IllegalStateException("handler failed"));
    }

    private List<Object> parkedPayloads() {
        List<Object> payloads = new ArrayList<>();
        queue.deadLetterSequence("product-1").forEach(letter -> payloads.add(letter.message().getPayload()));
        return payloads;
    }

    @Test
    void aLaterEventOfAParkedSequenceIsParkedBehindIt() {
        queue.enqueue("product-1", letter(5, "price 5"));

        assertThat(queue.enqueueIfPresent("product-1", () -> letter(6, "price 6"))).isTrue();

        assertThat(parkedPayloads()).containsExactly("price 5", "price 6");
    }

    @Test
    void anEarlierEventRedeliveredAfterARollbackIsHandledNotParkedBehindALaterOne() {
        queue.enqueue("product-1", letter(5, "price 5"));

        assertThat(queue.enqueueIfPresent("product-1", () -> letter(4, "price 4"))).isFalse();

        assertThat(parkedPayloads()).containsExactly("price 5");
    }

    @Test
    void aParkedEventRedeliveredAfterARollbackIsNotParkedTwice() {
        DeadLetter<EventMessage<?>> parked = letter(5, "price 5");
        queue.enqueue("product-1", parked);

        assertThat(queue.enqueueIfPresent("product-1", () -> new GenericDeadLetter<>("product-1", parked.message()))).isTrue();

        assertThat(queue.sequenceSize("product-1")).isEqualTo(1);
    }

    @Test
    void aSequenceWithNoLettersTakesNothing() {
        assertThat(queue.enqueueIfPresent("product-1", () -> letter(1, "price 1"))).isFalse();
        assertThat(queue.size()).isZero();
    }
}
