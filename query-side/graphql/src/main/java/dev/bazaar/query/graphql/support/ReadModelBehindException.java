package dev.bazaar.query.graphql.support;

/** The caller asked for at least a version the read model had not applied within its bounded wait. */
public class ReadModelBehindException extends RuntimeException {

    public ReadModelBehindException(String what, long minVersion, String detail) {
        super("the read model has not reached version " + minVersion + " of " + what + " yet (" + detail + "); ask again shortly");
    }
}
