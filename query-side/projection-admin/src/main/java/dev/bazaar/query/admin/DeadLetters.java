package dev.bazaar.query.admin;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;

/**
 * The dead letters of a service's projections, whatever store keeps them: listed, retried, evicted, and
 * counted in the gauge {@code bazaar.projection.dead-letters} (tag {@code projection}), read from the queue
 * when scraped. A service declares one as a bean, naming its projections (each one a processing group with
 * a dead-letter queue registered) and how its store's letters name their sequence (Axon's
 * {@link DeadLetter} does not: each store's letter class does); the admin endpoints then come with it
 * ({@link DeadLetterAdminAutoConfiguration}).
 */
public final class DeadLetters {

    private final EventProcessingConfiguration processing;
    private final List<String> projections;
    private final Function<DeadLetter<? extends EventMessage<?>>, String> sequenceOf;

    public DeadLetters(EventProcessingConfiguration processing, MeterRegistry meters, List<String> projections,
                       Function<DeadLetter<? extends EventMessage<?>>, String> sequenceOf) {
        this.processing = processing;
        this.projections = List.copyOf(projections);
        this.sequenceOf = sequenceOf;
        for (String projection : this.projections) {
            Gauge.builder("bazaar.projection.dead-letters", this, letters -> letters.queue(projection).size())
                    .tag("projection", projection).description("events parked in the projection's dead-letter queue")
                    .register(meters);
        }
    }

    public List<DeadLetterView.OfProjection> list() {
        Instant now = Instant.now();
        List<DeadLetterView.OfProjection> listed = new ArrayList<>();
        for (String projection : projections) {
            SequencedDeadLetterQueue<EventMessage<?>> queue = queue(projection);
            List<DeadLetterView> letters = new ArrayList<>();
            for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
                sequence.forEach(letter -> letters.add(view(letter, now)));
            }
            listed.add(new DeadLetterView.OfProjection(projection, queue.amountOfSequences(), letters));
        }
        return listed;
    }

    /**
     * Hands every parked sequence to the projection's handlers again, oldest letter first, each sequence
     * once: a sequence whose handler fails again stays parked (its letter records the new cause).
     */
    public DeadLetterView.Retried retry(String projection) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(projection);
        SequencedDeadLetterProcessor<EventMessage<?>> processor = processing.sequencedDeadLetterProcessor(projection)
                .orElseThrow(() -> new NoSuchProjectionException(projection));
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
    public DeadLetterView.Evicted evict(String projection) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(projection);
        long letters = queue.size();
        queue.clear();
        return new DeadLetterView.Evicted(projection, letters);
    }

    private SequencedDeadLetterQueue<EventMessage<?>> queue(String projection) {
        if (!projections.contains(projection)) {
            throw new NoSuchProjectionException(projection);
        }
        return processing.deadLetterQueue(projection).orElseThrow(() -> new NoSuchProjectionException(projection));
    }

    private DeadLetterView view(DeadLetter<? extends EventMessage<?>> letter, Instant now) {
        EventMessage<?> message = letter.message();
        Long sequenceNumber = message instanceof DomainEventMessage<?> event ? event.getSequenceNumber() : null;
        String cause = letter.cause().map(failure -> failure.type() + ": " + failure.message()).orElse(null);
        return new DeadLetterView(sequenceOf.apply(letter), message.getPayloadType().getName(), sequenceNumber, cause,
                letter.enqueuedAt(), Duration.between(letter.enqueuedAt(), now).toMillis() / 1000.0);
    }
}
