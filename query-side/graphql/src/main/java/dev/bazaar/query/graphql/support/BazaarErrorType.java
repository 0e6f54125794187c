package dev.bazaar.query.graphql.support;

import graphql.ErrorClassification;

/** Error classifications beyond Spring's {@code ErrorType}, for what only a system of read models has. */
public enum BazaarErrorType implements ErrorClassification {
    /** The read model has not yet applied the version the caller asked for; asking again later helps. */
    READ_MODEL_BEHIND,
    /** The read model did not answer: Axon Server unreachable, the query service down, or too slow. */
    READ_MODEL_UNAVAILABLE,
    /** The endpoint is executing as many requests as it may; asking again later helps. */
    OVERLOADED
}
