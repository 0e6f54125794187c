package dev.bazaar.axonserver.storage;

import java.util.List;

/** What the status page shows of each context's event store; implemented by the storage layer. */
public interface ContextEventStatistics {

    /** Every context that has an event store ({@code default} always), with its event count and head token. */
    List<ContextEvents> contexts();

    /**
     * @param headToken the global index of the newest event, -1 when the context has none
     */
    record ContextEvents(String context, long eventCount, long headToken) {
    }
}
