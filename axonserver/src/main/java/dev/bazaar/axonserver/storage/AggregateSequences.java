package dev.bazaar.axonserver.storage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The next expected sequence number of recently used aggregates, so that neither validating an
 * append nor answering a client's "highest sequence number" usually needs a query.
 *
 * <p>The writer validates with it: an aggregate not remembered whose append starts at sequence 0 is
 * taken to be new (the unique index refuses the insert if it is not, and the writer then validates
 * again with {@code optimistic} off); the others are looked up together, one query per batch. Readers
 * answer from it: the node is the only writer of its event table and sequence numbers only grow, so a
 * number remembered from a commit or from the table is the highest stored until the writer commits
 * again, and the writer records every commit here (the larger number wins). A commit whose outcome is
 * unknown makes the writer {@link #forget} everything; a reader whose query ran before that does not
 * record what it read. Should a number too low slip through all the same, the unique index on
 * (aggregate, sequence number) still refuses an append built on it, and the writer validates it again
 * against the table.
 */
final class AggregateSequences {

    private static final int REMEMBERED = 100_000;
    static final long NOT_REMEMBERED = -2;

    private final EventTable table;
    private final int contextId;
    private final Cache<String, Long> next = Caffeine.newBuilder().maximumSize(REMEMBERED).build();
    /** Counts {@link #forget} calls, so that a reader's query that overlapped one is not recorded. */
    private final AtomicLong forgotten = new AtomicLong();

    AggregateSequences(EventTable table, int contextId) {
        this.table = table;
        this.contextId = contextId;
    }

    /**
     * The next sequence number of each aggregate, given the first sequence number the batch appends to
     * it; 0 for an aggregate without events. Writer thread only.
     */
    Map<String, Long> expected(Map<String, Long> firstAppended, boolean optimistic) throws SQLException {
        Map<String, Long> expected = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, Long> aggregate : firstAppended.entrySet()) {
            String aggregateId = aggregate.getKey();
            Long known = next.getIfPresent(aggregateId);
            if (known != null) {
                expected.put(aggregateId, known);
            } else if (optimistic && aggregate.getValue() == 0) {
                expected.put(aggregateId, 0L);
            } else {
                unknown.add(aggregateId);
            }
        }
        if (!unknown.isEmpty()) {
            Map<String, Long> stored = table.nextSequences(contextId, unknown);
            for (String aggregateId : unknown) {
                long sequence = stored.getOrDefault(aggregateId, 0L);
                expected.put(aggregateId, sequence);
                next.asMap().merge(aggregateId, sequence, Math::max);
            }
        }
        return expected;
    }

    /** Records a commit's next sequence numbers. Writer thread only. */
    void committed(Map<String, Long> nextSequences) {
        nextSequences.forEach((aggregateId, sequence) -> next.asMap().merge(aggregateId, sequence, Math::max));
    }

    /** After a commit whose outcome is unknown: the table may hold more than was recorded. Writer thread only. */
    void forget() {
        forgotten.incrementAndGet();
        next.invalidateAll();
    }

    /** The highest sequence number of the aggregate if it is remembered, else -2 (no aggregate has that). */
    long remembered(String aggregateId) {
        Long known = next.getIfPresent(aggregateId);
        return known != null ? known - 1 : NOT_REMEMBERED;
    }

    /** The highest sequence number of the aggregate, -1 when it has no events; any thread. */
    long highest(String aggregateId) {
        long known = remembered(aggregateId);
        if (known != NOT_REMEMBERED) {
            return known;
        }
        long forgetsBefore = forgotten.get();
        long stored = table.highestSequence(contextId, aggregateId);
        if (stored >= 0) {
            next.asMap().compute(aggregateId, (id, current) -> forgotten.get() != forgetsBefore ? current
                    : current == null ? stored + 1 : Math.max(current, stored + 1));
        }
        return stored;
    }
}
