package dev.bazaar.query.graphql.support;

import graphql.ExecutionResult;
import graphql.GraphqlErrorBuilder;
import java.util.concurrent.Semaphore;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Sheds load instead of queueing it. Spring GraphQL over Spring MVC executes each request
 * asynchronously, so Tomcat keeps accepting while the read models are slow: under 500 searches/s that
 * the embedded MongoDB-protocol server answered at ~65/s, thousands of requests were in flight, each
 * holding its Axon query and partial results, until the endpoint ran out of heap and exited
 * (bench/README.md). With at most {@code bazaar.graphql.max-in-flight} executing, a request beyond
 * them is answered at once, HTTP 200 with an {@code OVERLOADED} entry in {@code errors}, and the
 * endpoint stays up for the requests it can serve.
 */
@Component
class InFlightLimit implements WebGraphQlInterceptor {

    private final Semaphore permits;

    InFlightLimit(GraphqlProperties properties) {
        this.permits = new Semaphore(properties.maxInFlight());
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        if (!permits.tryAcquire()) {
            return Mono.just(overloaded(request));
        }
        return Mono.defer(() -> chain.next(request)).doFinally(signal -> permits.release());
    }

    private static WebGraphQlResponse overloaded(WebGraphQlRequest request) {
        ExecutionResult result = ExecutionResult.newExecutionResult()
                .addError(GraphqlErrorBuilder.newError()
                        .message("Too many requests are being answered right now; try again shortly")
                        .errorType(BazaarErrorType.OVERLOADED)
                        .build())
                .build();
        return new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(request.toExecutionInput(), result));
    }
}
