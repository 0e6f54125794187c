package dev.bazaar.query.graphql.support;

import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limit.AIMDLimit;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import graphql.ExecutionResult;
import graphql.GraphqlErrorBuilder;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * Sheds load instead of queueing it. Spring GraphQL over Spring MVC executes each request
 * asynchronously, so Tomcat keeps accepting while the read models are slow: under 500 searches/s that
 * the embedded MongoDB-protocol server answered at ~65/s, thousands of requests were in flight, each
 * holding its Axon query and partial results, until the endpoint ran out of heap and exited
 * (bench/README.md). A request beyond the limit is answered at once, HTTP 200 with an
 * {@code OVERLOADED} entry in {@code errors}.
 *
 * <p>The limit adapts (Netflix concurrency-limits, AIMD): an execution slower than
 * {@code bazaar.graphql.latency-target} cuts it by a tenth, a faster one while the limit is half used
 * raises it by one, between {@code min-in-flight} and {@code max-in-flight}. A fixed limit right for
 * one mix of queries is wrong for the next: in flight = throughput x latency, so 256 requests in flight
 * at ~150 searches/s is 1.7 s each. With the adaptive limit, what is answered stays near the target
 * and the excess is refused at once. A request that asks for a {@code minVersion} may wait for its read
 * model by design, so its time says nothing about load and does not move the limit.
 */
@Component
class InFlightLimit implements WebGraphQlInterceptor {

    private final Limiter<Void> limiter;

    @Autowired
    InFlightLimit(GraphqlProperties properties) {
        this(properties, System::nanoTime);
    }

    InFlightLimit(GraphqlProperties properties, Supplier<Long> clock) {
        int min = Math.min(properties.minInFlight(), properties.maxInFlight());
        this.limiter = SimpleLimiter.newBuilder().named("graphql").clock(clock)
                .limit(AIMDLimit.newBuilder()
                        .minLimit(min)
                        .initialLimit(min)
                        .maxLimit(properties.maxInFlight())
                        .timeout(properties.latencyTarget().toNanos(), TimeUnit.NANOSECONDS)
                        .build())
                .build();
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        Optional<Limiter.Listener> permit = limiter.acquire(null);
        if (permit.isEmpty()) {
            return Mono.just(overloaded(request));
        }
        Limiter.Listener listener = permit.get();
        boolean waitsByDesign = request.getDocument().contains("minVersion");
        return Mono.defer(() -> chain.next(request)).doFinally(signal -> {
            if (signal == SignalType.ON_COMPLETE && !waitsByDesign) {
                listener.onSuccess();
            } else {
                listener.onIgnore();
            }
        });
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
