package dev.bazaar.axonserver.storage;

import java.util.ArrayList;
import java.util.List;

/**
 * The newest committed events of a context, in a ring of fixed size, so that readers that have
 * caught up are served the live tail from memory while older positions are read from PostgreSQL.
 */
final class RecentEvents {

    private final StoredEvent[] ring;
    private long oldest;
    private long end;

    RecentEvents(int capacity, long nextToken) {
        this.ring = new StoredEvent[capacity];
        this.oldest = nextToken;
        this.end = nextToken;
    }

    /** Adds committed events whose tokens continue this ring's. */
    synchronized void addAll(List<StoredEvent> committed) {
        for (StoredEvent event : committed) {
            ring[slot(end)] = event;
            end++;
        }
        oldest = Math.max(oldest, end - ring.length);
    }

    /** Forgets every event: the next one added has {@code nextToken}, older ones are read from the table. */
    synchronized void restartAt(long nextToken) {
        oldest = nextToken;
        end = nextToken;
    }

    /** Up to {@code max} events from {@code token} on, or null when the ring no longer holds {@code token}. */
    synchronized List<StoredEvent> from(long token, int max) {
        if (token < oldest) {
            return null;
        }
        int count = (int) Math.max(0, Math.min(max, end - token));
        List<StoredEvent> events = new ArrayList<>(count);
        for (long next = token; next < token + count; next++) {
            events.add(ring[slot(next)]);
        }
        return events;
    }

    private int slot(long token) {
        return (int) (token % ring.length);
    }
}
