package dev.bazaar.axonserver.storage;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One context's event log, written with leader/follower group commit: an append joins the queue and,
 * when no commit is in flight, the thread it names becomes the writer and commits everything queued
 * by then (that append included) in ONE statement; appends that arrive meanwhile wait in the queue
 * and the writer, once done, commits them as the next group. So concurrent appends share one
 * PostgreSQL round trip and one WAL flush, and no append waits for a dedicated writer to wake up.
 * The writer validates aggregate sequence numbers, gives the accepted events the next global
 * indexes, and only after the commit acknowledges the appends, moves the head and wakes the readers.
 * Because indexes are handed out by the one writer and become visible only at commit, in order, the
 * global index has no gaps and a reader never meets an index that a later commit fills in below its
 * position.
 */
final class ContextEventLog {

    private static final Logger log = LoggerFactory.getLogger(ContextEventLog.class);
    private static final int MAX_APPENDS_PER_COMMIT = 1_000;
    private static final int RECENT_EVENTS = 8_192;

    private final String name;
    private final int contextId;
    private final EventTable table;
    private final AggregateSequences sequences;
    private final Queue<PendingAppend> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock writing = new ReentrantLock();
    private final Set<Runnable> commitListeners = new CopyOnWriteArraySet<>();
    private final RecentEvents recent;
    private volatile boolean closed;
    private volatile long head;
    private long nextToken;
    /** A commit failed: PostgreSQL may have stored it all the same (see {@link #catchUpWithTheTable}). */
    private boolean outcomeUnknown;

    ContextEventLog(String name, int contextId, EventTable table) {
        this.name = name;
        this.contextId = contextId;
        this.table = table;
        this.sequences = new AggregateSequences(table, contextId);
        this.head = table.headToken(contextId);
        this.nextToken = head + 1;
        this.recent = new RecentEvents(RECENT_EVENTS, nextToken);
    }

    int contextId() {
        return contextId;
    }

    /** The global index of the newest committed event, -1 when there is none. */
    long head() {
        return head;
    }

    /**
     * Stores the events: queues them and has {@code commitOn} write whatever is queued by then, unless
     * a commit is in flight, in which case the committing thread writes them right after its commit.
     */
    CompletableFuture<Void> append(List<StoredEvent> events, Executor commitOn) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (closed) {
            done.completeExceptionally(new EventStorageException("The event store of " + name + " is closed", null));
            return done;
        }
        queue.add(new PendingAppend(events, done));
        commitOn.execute(this::writeWhileQueued);
        return done;
    }

    /** The highest sequence number of the aggregate, -1 when it has no events: from memory when it can. */
    long highestSequence(String aggregateId) {
        return sequences.highest(aggregateId);
    }

    /** The highest sequence number of the aggregate if this log remembers it, else {@link AggregateSequences#NOT_REMEMBERED}. */
    long rememberedSequence(String aggregateId) {
        return sequences.remembered(aggregateId);
    }

    /** Committed events from {@code fromToken} on, at most {@code max}; empty when the reader is at the head. */
    List<StoredEvent> read(long fromToken, int max) {
        long lastCommitted = head;
        if (fromToken > lastCommitted || max <= 0) {
            return List.of();
        }
        List<StoredEvent> fromMemory = recent.from(fromToken, max);
        if (fromMemory != null) {
            return fromMemory;
        }
        return table.range(contextId, fromToken, Math.min(lastCommitted, fromToken + max - 1));
    }

    Runnable onCommit(Runnable listener) {
        commitListeners.add(listener);
        return () -> commitListeners.remove(listener);
    }

    /** Waits for the commit in flight, if any, and refuses the appends still queued. */
    void close() {
        closed = true;
        writing.lock();
        try {
            refuseQueued();
        } finally {
            writing.unlock();
        }
    }

    /**
     * Whoever holds the lock writes; an append that finds it taken leaves its work in the queue. The
     * holder looks at the queue again after unlocking, so an append queued during its commit is
     * written either by it or by the appender that takes the lock next: none is left behind.
     */
    private void writeWhileQueued() {
        while (!queue.isEmpty() && writing.tryLock()) {
            try {
                if (closed) {
                    refuseQueued();
                    return;
                }
                writeGroup();
            } finally {
                writing.unlock();
            }
        }
    }

    private void writeGroup() {
        List<PendingAppend> batch = new ArrayList<>();
        PendingAppend append;
        while (batch.size() < MAX_APPENDS_PER_COMMIT && (append = queue.poll()) != null) {
            batch.add(append);
        }
        try {
            write(batch);
        } catch (SQLException | RuntimeException e) {
            log.error("The event writer of context {} failed a batch", name, e);
            batch.forEach(failed -> failed.done().completeExceptionally(e));
        }
    }

    private void refuseQueued() {
        PendingAppend append;
        while ((append = queue.poll()) != null) {
            append.done().completeExceptionally(
                    new EventStorageException("The event store of " + name + " closed before the append was stored", null));
        }
    }

    private void write(List<PendingAppend> batch) throws SQLException {
        if (outcomeUnknown) {
            catchUpWithTheTable();
        }
        try {
            write(batch, true);
        } catch (SQLException e) {
            if (EventTable.isDuplicateKey(e)) {
                sequences.forget();
                catchUpWithTheTable();
                write(batch, false);
            } else {
                throw e;
            }
        }
    }

    /** With {@code optimistic} on, an append to an aggregate unknown to the writer that starts at 0 is not looked up first. */
    private void write(List<PendingAppend> batch, boolean optimistic) throws SQLException {
        Map<String, Long> expected = sequences.expected(firstSequences(batch), optimistic);
        Map<String, Long> staged = new HashMap<>();
        List<PendingAppend> accepted = new ArrayList<>(batch.size());
        Map<PendingAppend, InvalidSequenceException> refused = new HashMap<>();
        List<StoredEvent> rows = new ArrayList<>();
        long token = nextToken;
        for (PendingAppend append : batch) {
            Map<String, Long> appendSequences = new HashMap<>();
            InvalidSequenceException refusal = validate(append.events(), expected, staged, appendSequences);
            if (refusal != null) {
                refused.put(append, refusal);
                continue;
            }
            staged.putAll(appendSequences);
            for (StoredEvent event : append.events()) {
                rows.add(event.at(token++));
            }
            accepted.add(append);
        }
        if (!rows.isEmpty()) {
            insert(accepted, rows, staged, optimistic);
        }
        refused.forEach((append, refusal) -> append.done().completeExceptionally(refusal));
    }

    /** Refusals are only answered once the batch has been settled: an optimistic pass may be validated again. */
    private void insert(List<PendingAppend> accepted, List<StoredEvent> rows, Map<String, Long> staged, boolean optimistic)
            throws SQLException {
        try {
            table.insert(contextId, rows);
        } catch (SQLException e) {
            if (optimistic && EventTable.isDuplicateKey(e)) {
                throw e;
            }
            fail(accepted, rows, e);
            return;
        } catch (RuntimeException e) {
            fail(accepted, rows, e);
            return;
        }
        nextToken = rows.get(rows.size() - 1).token() + 1;
        sequences.committed(staged);
        recent.addAll(rows);
        head = nextToken - 1;
        accepted.forEach(append -> append.done().complete(null));
        commitListeners.forEach(Runnable::run);
    }

    private void fail(List<PendingAppend> accepted, List<StoredEvent> rows, Exception e) {
        // Forgotten before the appends are answered, so that a client told of the failure is not then
        // answered a sequence number from before it.
        sequences.forget();
        outcomeUnknown = true;
        EventStorageException failure = new EventStorageException("PostgreSQL did not store the append", e);
        accepted.forEach(append -> append.done().completeExceptionally(failure));
        log.error("Appending {} events to context {} failed; PostgreSQL may or may not have stored them (the next append finds out)", rows.size(), name, e);
    }

    /**
     * Takes the head from the table when it is ahead of this writer. A commit whose connection died as
     * it committed fails here although PostgreSQL may have stored it: its rows then hold the indexes
     * this writer would hand out next, and every later append would collide with them until a restart.
     * Those rows are committed and contiguous with the head, so they become visible like any commit (the
     * readers are woken and read them from the table), and the next append follows them. The client of
     * such an append was answered with an error; like Axon Server, the node cannot tell it whether the
     * append was stored.
     */
    private void catchUpWithTheTable() {
        long stored = table.headToken(contextId);
        outcomeUnknown = false;
        if (stored >= nextToken) {
            log.warn("Context {}: {} events up to index {} were committed although their append failed; they are visible now",
                    name, stored - nextToken + 1, stored);
            nextToken = stored + 1;
            recent.restartAt(nextToken);
            head = stored;
            commitListeners.forEach(Runnable::run);
        }
    }

    private static InvalidSequenceException validate(List<StoredEvent> events, Map<String, Long> expected,
                                                     Map<String, Long> staged, Map<String, Long> appendSequences) {
        for (StoredEvent event : events) {
            if (!event.belongsToAggregate()) {
                continue;
            }
            String aggregateId = event.aggregateId();
            Long next = appendSequences.get(aggregateId);
            if (next == null) {
                next = staged.getOrDefault(aggregateId, expected.getOrDefault(aggregateId, 0L));
            }
            if (event.sequenceNumber() != next) {
                return new InvalidSequenceException(event.sequenceNumber(), aggregateId, next);
            }
            appendSequences.put(aggregateId, next + 1);
        }
        return null;
    }

    private static Map<String, Long> firstSequences(List<PendingAppend> batch) {
        Map<String, Long> first = new HashMap<>();
        for (PendingAppend append : batch) {
            for (StoredEvent event : append.events()) {
                if (event.belongsToAggregate()) {
                    first.putIfAbsent(event.aggregateId(), event.sequenceNumber());
                }
            }
        }
        return first;
    }

    private record PendingAppend(List<StoredEvent> events, CompletableFuture<Void> done) {
    }
}
