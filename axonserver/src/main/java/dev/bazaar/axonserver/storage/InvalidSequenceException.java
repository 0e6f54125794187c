package dev.bazaar.axonserver.storage;

/** An append refused because one of its events does not continue its aggregate's stream. */
public class InvalidSequenceException extends RuntimeException {

    InvalidSequenceException(long sequenceNumber, String aggregateId, long expected) {
        super("Invalid sequence number " + sequenceNumber + " for aggregate " + aggregateId + ", expected " + expected);
    }
}
