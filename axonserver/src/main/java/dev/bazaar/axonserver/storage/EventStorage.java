package dev.bazaar.axonserver.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The node's event store in PostgreSQL, one gapless event log per Axon Server context.
 *
 * <p>Contexts are created on first use: any call naming a context that does not exist yet creates
 * it (Axon Server SE knows only {@code default}; Axon Server EE has them created by an admin first).
 * The node accepts any name so that tests and local runs need no setup; {@code default} always exists.
 */
@Component
public class EventStorage implements ContextEventStatistics, DisposableBean {

    private final EventTable table;
    private final Map<String, ContextEventLog> logs = new ConcurrentHashMap<>();

    EventStorage(DataSource dataSource) {
        this.table = new EventTable(dataSource);
    }

    /**
     * Stores all the events or none; completes once they are committed, or with {@link InvalidSequenceException}.
     * The commit runs on {@code commitOn}, together with every other append waiting by then.
     */
    public CompletableFuture<Void> append(String context, List<StoredEvent> events, Executor commitOn) {
        return log(context).append(events, commitOn);
    }

    /** Committed events from {@code fromToken} on, in order, at most {@code max}; empty at the head. */
    public List<StoredEvent> read(String context, long fromToken, int max) {
        return log(context).read(fromToken, max);
    }

    /** Calls {@code listener} after every commit in the context; run the answer to stop. */
    public Runnable onCommit(String context, Runnable listener) {
        return log(context).onCommit(listener);
    }

    /** The global index of the newest event, -1 when there is none. */
    public long headToken(String context) {
        return log(context).head();
    }

    /**
     * The global index of the first event stamped at or after {@code timestamp}, one past the head when
     * there is none. It searches by global index, taking the timestamps as ascending with it (clients
     * stamp events as they append them).
     */
    public long firstTokenAt(String context, long timestamp) {
        ContextEventLog log = log(context);
        long low = 0;
        long high = log.head() + 1;
        while (low < high) {
            long middle = (low + high) >>> 1;
            Long stamped = table.timestampAt(log.contextId(), middle);
            if (stamped != null && stamped < timestamp) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /**
     * The highest sequence number of the aggregate, -1 when it has no events. The node remembers those
     * of the aggregates it wrote or was asked about lately (see {@link AggregateSequences}), and queries
     * the table for the others.
     */
    public long highestSequence(String context, String aggregateId) {
        return log(context).highestSequence(aggregateId);
    }

    /** The aggregate's highest sequence number if it is remembered, so that no query is needed; else empty. */
    public OptionalLong rememberedSequence(String context, String aggregateId) {
        long remembered = log(context).rememberedSequence(aggregateId);
        return remembered == AggregateSequences.NOT_REMEMBERED ? OptionalLong.empty() : OptionalLong.of(remembered);
    }

    public void readAggregate(String context, String aggregateId, long fromSequence, long toSequence, Consumer<StoredEvent> sink) {
        table.aggregateEvents(log(context).contextId(), aggregateId, fromSequence, toSequence, sink);
    }

    public void storeSnapshot(String context, StoredEvent snapshot) {
        table.storeSnapshot(log(context).contextId(), snapshot);
    }

    /** The aggregate's snapshots with sequence numbers in the range, newest first, at most {@code maxResults}. */
    public List<byte[]> snapshots(String context, String aggregateId, long fromSequence, long toSequence, int maxResults) {
        return table.snapshots(log(context).contextId(), aggregateId, fromSequence, toSequence, maxResults);
    }

    @Override
    public List<ContextEvents> contexts() {
        List<ContextEvents> contexts = new ArrayList<>();
        for (String name : table.contexts().keySet()) {
            long head = log(name).head();
            contexts.add(new ContextEvents(name, head + 1, head));
        }
        return contexts;
    }

    @Override
    public void destroy() {
        logs.values().forEach(ContextEventLog::close);
    }

    private ContextEventLog log(String context) {
        ContextEventLog log = logs.get(context);
        return log != null ? log : logs.computeIfAbsent(context, name -> new ContextEventLog(name, table.createContext(name), table));
    }
}
