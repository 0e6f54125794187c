package dev.bazaar.axonserver.storage;

/**
 * One event (or snapshot) as the storage keeps it: the columns it searches by and the serialized
 * message the client sent, which the storage never looks inside.
 *
 * @param token          the global index in its context; -1 until the event is appended
 * @param aggregateId    null for an event that belongs to no aggregate
 * @param sequenceNumber the aggregate sequence number (meaningless without an aggregate)
 * @param timestamp      epoch milliseconds, as the client stamped it
 */
public record StoredEvent(long token, String aggregateId, long sequenceNumber, long timestamp,
                          String payloadType, String payloadRevision, byte[] data) {

    public static StoredEvent unappended(String aggregateId, long sequenceNumber, long timestamp,
                                         String payloadType, String payloadRevision, byte[] data) {
        return new StoredEvent(-1, aggregateId == null || aggregateId.isEmpty() ? null : aggregateId,
                sequenceNumber, timestamp, payloadType, payloadRevision, data);
    }

    public boolean belongsToAggregate() {
        return aggregateId != null;
    }

    StoredEvent at(long globalIndex) {
        return new StoredEvent(globalIndex, aggregateId, sequenceNumber, timestamp, payloadType, payloadRevision, data);
    }
}
