package dev.bazaar.query.graphql.support;

/** No answer from the read model in time: Axon Server unreachable, or the query service down or overloaded. */
public class ReadModelUnavailableException extends RuntimeException {

    public ReadModelUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
