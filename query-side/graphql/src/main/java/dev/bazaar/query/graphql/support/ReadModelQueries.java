package dev.bazaar.query.graphql.support;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.ToLongFunction;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryExecutionException;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

/**
 * The one way this endpoint asks the read models anything: an Axon query with a bounded wait, so that
 * a read model that is down or slow costs its own fields an error and never holds the whole answer.
 */
@Component
public class ReadModelQueries {

    private final QueryGateway gateway;
    private final GraphqlProperties properties;

    ReadModelQueries(QueryGateway gateway, GraphqlProperties properties) {
        this.gateway = gateway;
        this.properties = properties;
    }

    /** A query whose handler always answers, such as a page or a list. */
    public <R> CompletableFuture<R> ask(Object query, Class<R> resultType) {
        return bounded(query, gateway.query(query, ResponseTypes.instanceOf(resultType)));
    }

    /**
     * A view by id: the handler answers {@code Optional.empty()} for an unknown id, which becomes an
     * {@link UnknownIdException}. With {@code minVersion} set, a read model that did not reach it in its
     * bounded wait becomes a {@link ReadModelBehindException}.
     */
    public <V> CompletableFuture<V> find(Object query, Class<V> viewType, String what, Long minVersion,
                                         ToLongFunction<V> versionOf) {
        CompletableFuture<Optional<V>> answer = bounded(query, gateway.query(query, ResponseTypes.optionalInstanceOf(viewType)));
        return answer.handle((view, failure) -> {
            if (failure != null) {
                Throwable cause = unwrap(failure);
                if (minVersion != null && cause instanceof QueryExecutionException) {
                    throw new ReadModelBehindException(what, minVersion, cause.getMessage());
                }
                throw new CompletionException(cause);
            }
            V found = view.orElseThrow(() -> new UnknownIdException(what));
            if (minVersion != null && versionOf.applyAsLong(found) < minVersion) {
                throw new ReadModelBehindException(what, minVersion, "the read model answered version " + versionOf.applyAsLong(found));
            }
            return found;
        });
    }

    private <R> CompletableFuture<R> bounded(Object query, CompletableFuture<R> answer) {
        long millis = properties.queryTimeout().toMillis();
        return answer.orTimeout(millis, TimeUnit.MILLISECONDS).handle((result, failure) -> {
            if (failure == null) {
                return result;
            }
            Throwable cause = unwrap(failure);
            if (cause instanceof TimeoutException) {
                throw new ReadModelUnavailableException(query.getClass().getSimpleName() + " got no answer within "
                        + properties.queryTimeout().toMillis() + " ms", cause);
            }
            throw new CompletionException(cause);
        });
    }

    static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
