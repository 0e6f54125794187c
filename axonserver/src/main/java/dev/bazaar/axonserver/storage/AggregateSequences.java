package dev.bazaar.axonserver.storage;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The next expected sequence number of recently written aggregates, so that validating an append
 * rarely needs a query; the aggregates not remembered are looked up together, one query per batch.
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

    /** The next sequence number of each of {@code aggregateIds}; 0 for an aggregate without events. */
    Map<String, Long> expected(Collection<String> aggregateIds) throws SQLException {
        Map<String, Long> expected = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        for (String aggregateId : aggregateIds) {
            Long known = next.get(aggregateId);
            if (known == null) {
                unknown.add(aggregateId);
            } else {
                expected.put(aggregateId, known);
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
