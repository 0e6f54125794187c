package dev.bazaar.command.rules;

import com.github.benmanes.caffeine.cache.Caffeine;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Optional;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Keeps aggregates between commands so that a hot one is not rebuilt from its events each time, but
 * hands out a cached aggregate only while Axon Server's last sequence number for it is the version
 * it was cached at.
 *
 * <p>With several instances Axon Server routes an aggregate to one of them, but a re-balance (an
 * instance joining or dying) moves it, and it may come back later to an instance whose cached copy
 * missed the events the other one appended. A command that appends on such a copy is refused by the
 * event store (its sequence number is taken; the failed unit of work evicts the entry and the caller
 * gets 409), but a command that appends nothing, such as a release for an order the stale copy thinks
 * holds no stock, would answer from the stale state. Asking for the last sequence number is one small
 * round trip, far cheaper than reading the events; an entry that is behind is dropped, and the
 * aggregate is loaded from the store (snapshot and events) as without a cache.
 *
 * <p>Entries are weak references, and the {@code stronglyHeld} most recently stored ones are also held
 * strongly. Weak references alone were cleared by every young collection, which under load came
 * several times a second: an order was gone before the saga confirmed it, and most products were
 * read again from their snapshot and events (JFR under the system benchmark: more command threads
 * waiting on event streams from Axon Server than on appends).
 */
class CheckedAggregateCache extends WeakReferenceCache {

    /** The version the entry was cached at; Axon keeps it private, and no other accessor exists. */
    private static final VarHandle CACHED_VERSION = cachedVersion();

    private final EventStore eventStore;
    private final com.github.benmanes.caffeine.cache.Cache<Object, Object> strongly;

    CheckedAggregateCache(EventStore eventStore, long stronglyHeld) {
        this.eventStore = eventStore;
        this.strongly = Caffeine.newBuilder().maximumSize(stronglyHeld).build();
    }

    @Override
    public <K, V> V get(K key) {
        V entry = super.get(key);
        if (entry instanceof AggregateCacheEntry<?> cached && !isCurrent(key.toString(), cached)) {
            remove(key);
            return null;
        }
        return entry;
    }

    @Override
    public void put(Object key, Object value) {
        super.put(key, value);
        strongly.put(key, value);
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        boolean stored = super.putIfAbsent(key, value);
        if (stored) {
            strongly.put(key, value);
        }
        return stored;
    }

    @Override
    public boolean remove(Object key) {
        strongly.invalidate(key);
        return super.remove(key);
    }

    @Override
    public void removeAll() {
        strongly.invalidateAll();
        super.removeAll();
    }

    private boolean isCurrent(String aggregateId, AggregateCacheEntry<?> cached) {
        Optional<Long> stored = eventStore.lastSequenceNumberFor(aggregateId);
        return stored.isPresent() && stored.get().equals(CACHED_VERSION.get(cached));
    }

    private static VarHandle cachedVersion() {
        try {
            return MethodHandles.privateLookupIn(AggregateCacheEntry.class, MethodHandles.lookup())
                    .findVarHandle(AggregateCacheEntry.class, "version", Long.class);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Axon's AggregateCacheEntry no longer has a version field", e);
        }
    }
}
