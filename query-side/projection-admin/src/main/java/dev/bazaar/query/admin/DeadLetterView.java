package dev.bazaar.query.admin;

import java.time.Instant;
import java.util.List;

/**
 * One parked event as the admin API shows it: the sequence it parks (the value the projection's sequencing
 * policy gave, an aggregate id for most), the event's type and sequence number in its aggregate, why its
 * handler failed (null for the letters parked behind the failed one, never tried), when it was parked and
 * how long ago.
 */
public record DeadLetterView(String sequenceId, String eventType, Long sequenceNumber, String cause, Instant enqueuedAt,
                             double ageSeconds) {

    public record OfProjection(String name, long sequences, List<DeadLetterView> deadLetters) {
    }

    public record Listing(List<OfProjection> projections) {
    }

    public record Retried(String name, int sequencesRetried, long sequencesStillParked) {
    }

    public record Evicted(String name, long deadLettersEvicted) {
    }
}
