package dev.bazaar.query.relational.freshness;

/**
 * A query asked for a version of an aggregate that the read model had not applied within its bounded
 * wait. Over Axon Server the caller receives a {@code QueryExecutionException} carrying this message.
 */
public class ReadModelBehindException extends RuntimeException {

    ReadModelBehindException(String what, long minVersion, String reached, long waitedMillis) {
        super(what + " has not reached version " + minVersion + " in the read model within " + waitedMillis
                + " ms (" + reached + "); ask again shortly");
    }
}
