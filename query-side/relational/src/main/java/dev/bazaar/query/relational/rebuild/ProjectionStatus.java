package dev.bazaar.query.relational.rebuild;

import java.time.Instant;
import java.util.List;

/**
 * One projection as the admin API reports it (the shape every query service shares, see
 * rebuild-contract): {@code position} is the lowest global index its segments have processed, {@code head}
 * the event store's, {@code secondsLeft} null while the rate is unknown. In {@code ERROR}, {@code nextRetryAt} is when
 * the processor tries again (projection-admin's {@code RetrySchedule} says how that is known), null otherwise.
 */
record ProjectionStatus(String name, State state, int generation, long position, long head, long lag,
                        double eventsPerSecond, Double secondsLeft, List<SegmentStatus> segments, String error,
                        Instant nextRetryAt) {

    enum State { LIVE, REBUILDING, ERROR }

    record SegmentStatus(int segment, String owner, long position) {
    }

    /** The answer of the list endpoints. */
    record Listing(List<ProjectionStatus> projections) {
    }
}
