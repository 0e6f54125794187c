package dev.bazaar.query.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;

/**
 * A dead-letter queue for a store without transactions (MongoDB here), where a letter stays parked
 * although the batch that parked it was rolled back (its write or its token failed, or the service was
 * killed before the token was stored). The batch's events are then delivered again, and Axon's queue
 * would take every one of them as "behind a parked letter": an earlier event of the parked aggregate,
 * never applied, would be parked after the later one, and a retry would apply them out of order (the
 * projections skip an event older than what they hold, so the earlier one would be lost for good), or
 * the parked event itself would be parked a second time.
 *
 * <p>So, for an event of a sequence that has letters: if it is one of them (the same message), it is
 * already parked and nothing is added; if every letter of the sequence comes later in the event stream
 * than this event, the letters are from a rolled-back attempt and this event was never behind them, so
 * it is handled as usual. In forward processing an arriving event always comes after the letters of its
 * sequence, so neither case changes what Axon does there. With a transactional store (the relational
 * service's JDBC queue commits its letters with the batch) neither case arises.
 */
public final class RollbackAwareDeadLetterQueue implements SequencedDeadLetterQueue<EventMessage<?>> {

    private final SequencedDeadLetterQueue<EventMessage<?>> delegate;

    public RollbackAwareDeadLetterQueue(SequencedDeadLetterQueue<EventMessage<?>> delegate) {
        this.delegate = delegate;
    }

    @Override
    public boolean enqueueIfPresent(Object sequenceIdentifier, Supplier<DeadLetter<? extends EventMessage<?>>> letterBuilder) {
        if (!delegate.contains(sequenceIdentifier)) {
            return false;
        }
        DeadLetter<? extends EventMessage<?>> letter = letterBuilder.get();
        List<DeadLetter<? extends EventMessage<?>>> parked = new ArrayList<>();
        delegate.deadLetterSequence(sequenceIdentifier).forEach(parked::add);
        String identifier = letter.message().getIdentifier();
        if (parked.stream().anyMatch(p -> p.message().getIdentifier().equals(identifier))) {
            return true;
        }
        OptionalLong position = positionOf(letter.message());
        if (position.isPresent() && !parked.isEmpty() && parked.stream().allMatch(p -> isAfter(p.message(), position.getAsLong()))) {
            return false;
        }
        delegate.enqueue(sequenceIdentifier, letter);
        return true;
    }

    private static boolean isAfter(EventMessage<?> parked, long position) {
        OptionalLong parkedAt = positionOf(parked);
        return parkedAt.isPresent() && parkedAt.getAsLong() > position;
    }

    private static OptionalLong positionOf(EventMessage<?> message) {
        return message instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null
                ? tracked.trackingToken().position() : OptionalLong.empty();
    }

    @Override
    public void enqueue(Object sequenceIdentifier, DeadLetter<? extends EventMessage<?>> letter) {
        delegate.enqueue(sequenceIdentifier, letter);
    }

    @Override
    public void evict(DeadLetter<? extends EventMessage<?>> letter) {
        delegate.evict(letter);
    }

    @Override
    public void requeue(DeadLetter<? extends EventMessage<?>> letter,
                        UnaryOperator<DeadLetter<? extends EventMessage<?>>> letterUpdater) {
        delegate.requeue(letter, letterUpdater);
    }

    @Override
    public boolean contains(Object sequenceIdentifier) {
        return delegate.contains(sequenceIdentifier);
    }

    @Override
    public Iterable<DeadLetter<? extends EventMessage<?>>> deadLetterSequence(Object sequenceIdentifier) {
        return delegate.deadLetterSequence(sequenceIdentifier);
    }

    @Override
    public Iterable<Iterable<DeadLetter<? extends EventMessage<?>>>> deadLetters() {
        return delegate.deadLetters();
    }

    @Override
    public boolean isFull(Object sequenceIdentifier) {
        return delegate.isFull(sequenceIdentifier);
    }

    @Override
    public long size() {
        return delegate.size();
    }

    @Override
    public long sequenceSize(Object sequenceIdentifier) {
        return delegate.sequenceSize(sequenceIdentifier);
    }

    @Override
    public long amountOfSequences() {
        return delegate.amountOfSequences();
    }

    @Override
    public boolean process(Predicate<DeadLetter<? extends EventMessage<?>>> sequenceFilter,
                           Function<DeadLetter<? extends EventMessage<?>>, EnqueueDecision<EventMessage<?>>> processingTask) {
        return delegate.process(sequenceFilter, processingTask);
    }

    @Override
    public void clear() {
        delegate.clear();
    }
}
