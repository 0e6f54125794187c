package dev.bazaar.query.document.rebuild;

import java.util.List;

/**
 * A read model's rebuild status, as the admin API answers it (see the rebuild contract).
 *
 * @param generation         the generation queries read
 * @param buildingGeneration the generation a rebuild is writing, null when none is (an addition to the contract)
 * @param position           the lowest global index processed over the segments, -1 before the first
 * @param head               the event store's head: the global index of its last event
 * @param secondsLeft        null when the rate is not known
 */
record ProjectionStatus(String name, State state, long generation, Long buildingGeneration, long position, long head,
                        long lag, double eventsPerSecond, Double secondsLeft, List<Segment> segments, String error) {

    enum State { LIVE, REBUILDING, ERROR }

    /** {@code replaying} and {@code caughtUp} are additions to the contract: what the switch waits for. */
    record Segment(int segment, String owner, long position, boolean replaying, boolean caughtUp) {
    }
}
