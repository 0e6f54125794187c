package dev.bazaar.axonserver.storage;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The next expected sequence number of recently written aggregates, so that validating an append
 * rarely needs a query. An aggregate not remembered whose append starts at sequence 0 is taken to be
 * new (the unique index refuses the insert if it is not, and the writer then validates again with
 * {@code optimistic} off); the others are looked up together, one query per batch.
 * Used by the context's writer thread only.
 */
final class AggregateSequences {

    private static final int REMEMBERED = 100_000;

    private final EventTable table;
    private final int contextId;
    private final Map<String, Long> next = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > REMEMBERED;
        }
    };

    AggregateSequences(EventTable table, int contextId) {
        this.table = table;
        this.contextId = contextId;
    }

    /**
     * The next sequence number of each aggregate, given the first sequence number the batch appends to
     * it; 0 for an aggregate without events.
     */
    Map<String, Long> expected(Map<String, Long> firstAppended, boolean optimistic) throws SQLException {
        Map<String, Long> expected = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, Long> aggregate : firstAppended.entrySet()) {
            String aggregateId = aggregate.getKey();
            Long known = next.get(aggregateId);
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
                next.put(aggregateId, sequence);
            }
        }
        return expected;
    }

    void committed(Map<String, Long> nextSequences) {
        next.putAll(nextSequences);
    }

    void forget() {
        next.clear();
    }
}
