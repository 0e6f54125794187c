package dev.bazaar.query.document.rebuild;

import java.time.Instant;
import java.util.List;

/**
 * A read model's rebuild status, as the admin API answers it (see the rebuild contract).
 *
 * @param generation         the generation queries read
 * @param buildingGeneration the generation a rebuild is writing, null when none is (an addition to the contract)
 * @param position           the lowest global index processed over the segments, -1 before the first
 * @param head               the event store's head: the global index of its last event
 * @param secondsLeft        null when the rate is not known
 * @param nextRetryAt        in {@code ERROR}, when the processor tries again (projection-admin's {@code RetrySchedule}
 *                           says how that is known); null otherwise
 */
record ProjectionStatus(String name, State state, long generation, Long buildingGeneration, long position, long head,
                        long lag, double eventsPerSecond, Double secondsLeft, List<Segment> segments, String error,
                        Instant nextRetryAt) {

    enum State { LIVE, REBUILDING, ERROR }

    /**
     * {@code owner} is the instance holding the segment's claim, as the token store records it; {@code replaying}
     * and {@code caughtUp} are additions to the contract: what the switch waits for.
     */
    record Segment(int segment, String owner, long position, boolean replaying, boolean caughtUp) {
    }
}
