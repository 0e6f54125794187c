package dev.bazaar.query.relational.deadletter;

import java.time.Instant;
import java.util.List;

/**
 * One parked event as the admin API shows it: the sequence it parks (the aggregate id), the event's type
 * and sequence number in its aggregate, why its handler failed, when it was parked and how long ago.
 */
record DeadLetterView(String sequenceId, String eventType, Long sequenceNumber, String cause, Instant enqueuedAt,
                      double ageSeconds) {

    record OfProjection(String name, long sequences, List<DeadLetterView> deadLetters) {
    }

    record Listing(List<OfProjection> projections) {
    }

    record Retried(String name, int sequencesRetried, long sequencesStillParked) {
    }

    record Evicted(String name, long deadLettersEvicted) {
    }
}
