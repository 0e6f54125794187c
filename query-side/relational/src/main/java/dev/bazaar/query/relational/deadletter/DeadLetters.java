package dev.bazaar.query.relational.deadletter;

import dev.bazaar.query.relational.Projections;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.stereotype.Component;

/**
 * The dead letters of each projection: listed, retried, evicted, and counted in the gauge
 * {@code bazaar.projection.dead-letters} (tag {@code projection}), read from the queue when scraped.
 */
@Component
class DeadLetters {

    private final EventProcessingConfiguration processing;

    DeadLetters(EventProcessingConfiguration processing, MeterRegistry meters) {
        this.processing = processing;
        for (String projection : Projections.NAMES) {
            Gauge.builder("bazaar.projection.dead-letters", this, letters -> letters.queue(projection).size())
                    .tag("projection", projection).description("events parked in the projection's dead-letter queue")
                    .register(meters);
        }
    }

    List<DeadLetterView.OfProjection> list() {
        Instant now = Instant.now();
        List<DeadLetterView.OfProjection> projections = new ArrayList<>();
        for (String projection : Projections.NAMES) {
            SequencedDeadLetterQueue<EventMessage<?>> queue = queue(projection);
            List<DeadLetterView> letters = new ArrayList<>();
            for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
                sequence.forEach(letter -> letters.add(view(letter, now)));
            }
            projections.add(new DeadLetterView.OfProjection(projection, queue.amountOfSequences(), letters));
        }
        return projections;
    }

    /**
     * Hands every parked sequence to the projection's handlers again, oldest letter first, each sequence
     * once: a sequence whose handler fails again stays parked (its letter records the new cause).
     */
    DeadLetterView.Retried retry(String projection) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(projection);
        SequencedDeadLetterProcessor<EventMessage<?>> processor = processing.sequencedDeadLetterProcessor(projection)
                .orElseThrow(() -> new UnknownProjectionException(projection));
        long parked = queue.amountOfSequences();
        int succeeded = 0;
        for (long attempt = 0; attempt < parked; attempt++) {
            if (processor.processAny()) {
                succeeded++;
            }
        }
        return new DeadLetterView.Retried(projection, succeeded, queue.amountOfSequences());
    }

    /** Drops every parked event of the projection: they will not be applied (a rebuild would apply them). */
    DeadLetterView.Evicted evict(String projection) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(projection);
        long letters = queue.size();
        queue.clear();
        return new DeadLetterView.Evicted(projection, letters);
    }

    private SequencedDeadLetterQueue<EventMessage<?>> queue(String projection) {
        if (!Projections.NAMES.contains(projection)) {
            throw new UnknownProjectionException(projection);
        }
        return processing.deadLetterQueue(projection).orElseThrow(() -> new UnknownProjectionException(projection));
    }

    private static DeadLetterView view(DeadLetter<? extends EventMessage<?>> letter, Instant now) {
        EventMessage<?> message = letter.message();
        String sequence = letter instanceof JdbcDeadLetter<?> stored ? stored.getSequenceIdentifier()
                : message instanceof DomainEventMessage<?> event ? event.getAggregateIdentifier() : message.getIdentifier();
        Long sequenceNumber = message instanceof DomainEventMessage<?> event ? event.getSequenceNumber() : null;
        String cause = letter.cause().map(failure -> failure.type() + ": " + failure.message()).orElse(null);
        return new DeadLetterView(sequence, message.getPayloadType().getName(), sequenceNumber, cause, letter.enqueuedAt(),
                Duration.between(letter.enqueuedAt(), now).toMillis() / 1000.0);
    }
}
