package dev.bazaar.query.graphql.support;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.NonNullableValueCoercedAsNullException;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.DataFetchingEnvironment;
import org.axonframework.common.AxonException;
import org.axonframework.queryhandling.NoHandlerForQueryException;
import org.axonframework.queryhandling.QueryExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.execution.SubscriptionExceptionResolverAdapter;
import org.springframework.stereotype.Component;

/**
 * Turns what can go wrong while answering into entries of {@code errors}, with a message meant for the
 * caller and a classification a client can act on. Anything not listed stays Spring's opaque
 * INTERNAL_ERROR: no stack trace or internal detail reaches the caller.
 */
@Component
class QueryErrors extends DataFetcherExceptionResolverAdapter {

    private static final Logger log = LoggerFactory.getLogger(QueryErrors.class);

    @Override
    protected GraphQLError resolveToSingleError(Throwable failure, DataFetchingEnvironment env) {
        Classified classified = classify(failure);
        return classified == null ? null
                : GraphqlErrorBuilder.newError(env).errorType(classified.type()).message(classified.message()).build();
    }

    static Classified classify(Throwable failure) {
        Throwable cause = ReadModelQueries.unwrap(failure);
        if (cause instanceof UnknownIdException) {
            return new Classified(ErrorType.NOT_FOUND, cause.getMessage());
        }
        if (cause instanceof IllegalArgumentException) {
            return new Classified(ErrorType.BAD_REQUEST, "invalid argument: " + cause.getMessage());
        }
        if (cause instanceof NonNullableValueCoercedAsNullException || cause instanceof CoercingParseValueException
                || cause instanceof CoercingParseLiteralException) {
            // graphql-java coerces a field's arguments when its fetcher reads them: the caller's input.
            return new Classified(ErrorType.BAD_REQUEST, "invalid argument: " + cause.getMessage());
        }
        if (cause instanceof ReadModelBehindException) {
            return new Classified(BazaarErrorType.READ_MODEL_BEHIND, cause.getMessage());
        }
        if (cause instanceof ReadModelUnavailableException) {
            return new Classified(BazaarErrorType.READ_MODEL_UNAVAILABLE, cause.getMessage());
        }
        if (cause instanceof NoHandlerForQueryException) {
            return new Classified(BazaarErrorType.READ_MODEL_UNAVAILABLE, "no read model is answering this query right now");
        }
        if (cause instanceof QueryExecutionException) {
            return new Classified(BazaarErrorType.READ_MODEL_UNAVAILABLE, "the read model failed to answer: " + cause.getMessage());
        }
        if (cause instanceof AxonException) {
            return new Classified(BazaarErrorType.READ_MODEL_UNAVAILABLE, "the read models cannot be reached: " + cause.getMessage());
        }
        log.error("Unexpected failure while answering a GraphQL request; the caller sees INTERNAL_ERROR only", cause);
        return null;
    }

    record Classified(ErrorClassification type, String message) {
    }

    /** The same errors for a subscription, which fails as a whole rather than field by field. */
    @Component
    static class OfSubscriptions extends SubscriptionExceptionResolverAdapter {

        @Override
        protected GraphQLError resolveToSingleError(Throwable failure) {
            Classified classified = classify(failure);
            return classified == null ? null
                    : GraphqlErrorBuilder.newError().errorType(classified.type()).message(classified.message()).build();
        }
    }
}
