package dev.bazaar.query.graphql.support;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.ExecutionResult;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.util.LinkedMultiValueMap;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Requests beyond the limit are answered at once with an OVERLOADED error and never reach the
 * execution; a permit comes back when an execution ends, however it ends.
 */
class InFlightLimitTest {

    private final AtomicInteger executions = new AtomicInteger();

    @Test
    void answersRequestsBeyondTheLimitAtOnceAndServesAgainWhenAnExecutionEnds() {
        InFlightLimit limit = new InFlightLimit(properties(2, 2));
        Sinks.One<WebGraphQlResponse> first = Sinks.one();
        Sinks.One<WebGraphQlResponse> second = Sinks.one();

        Mono<WebGraphQlResponse> one = limit.intercept(request("1"), executing(first));
        Mono<WebGraphQlResponse> two = limit.intercept(request("2"), executing(second));
        one.subscribe();
        two.subscribe();
        WebGraphQlResponse third = limit.intercept(request("3"), executing(Sinks.one())).block(Duration.ofSeconds(1));

        assertThat(executions).hasValue(2);
        assertThat(third.getErrors()).singleElement().satisfies(error -> {
            assertThat(error.getErrorType()).isEqualTo(BazaarErrorType.OVERLOADED);
            assertThat(error.getMessage()).contains("try again");
        });

        first.tryEmitValue(answer(request("1")));
        second.tryEmitError(new IllegalStateException("a failed execution gives its permit back too"));
        Sinks.One<WebGraphQlResponse> fourth = Sinks.one();
        limit.intercept(request("4"), executing(fourth)).subscribe();
        limit.intercept(request("5"), executing(Sinks.one())).subscribe();

        assertThat(executions).hasValue(4);
        assertThat(limit.intercept(request("6"), executing(Sinks.one())).block(Duration.ofSeconds(1)).getErrors())
                .extracting(ResponseError::getErrorType).containsExactly(BazaarErrorType.OVERLOADED);
    }

    @Test
    void theLimitGrowsWhileExecutionsAreFastAndShrinksWhenOneIsSlowerThanTheTarget() {
        AtomicLong nanos = new AtomicLong();
        InFlightLimit limit = new InFlightLimit(properties(1, 4), nanos::get);

        assertThat(admitted(limit, 2)).as("it starts at the minimum").hasSize(1).allSatisfy(this::answerNow);
        assertThat(admitted(limit, 3)).hasSize(2).allSatisfy(this::answerNow);
        List<Sinks.One<WebGraphQlResponse>> four = admitted(limit, 5);
        assertThat(four).as("fast executions raised it to the maximum").hasSize(4);

        four.subList(0, 3).forEach(this::answerNow);
        nanos.addAndGet(Duration.ofMillis(100).toNanos());
        answerNow(four.get(3));

        assertThat(admitted(limit, 5)).as("one execution slower than the target cut it by a tenth").hasSize(3);
    }

    @Test
    void aRequestThatWaitsForAMinVersionDoesNotLowerTheLimit() {
        AtomicLong nanos = new AtomicLong();
        InFlightLimit limit = new InFlightLimit(properties(1, 2), nanos::get);
        admitted(limit, 1).forEach(this::answerNow);
        Sinks.One<WebGraphQlResponse> waiting = Sinks.one();
        limit.intercept(request("ryw", "{ order(id: \"o-1\", minVersion: 3) { status } }"), executing(waiting)).subscribe();

        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        answerNow(waiting);

        assertThat(admitted(limit, 3)).hasSize(2);
    }

    /** Sends {@code tries} requests that stay in flight; the ones let through, each to be answered by its sink. */
    private List<Sinks.One<WebGraphQlResponse>> admitted(InFlightLimit limit, int tries) {
        List<Sinks.One<WebGraphQlResponse>> admitted = new ArrayList<>();
        for (int i = 0; i < tries; i++) {
            Sinks.One<WebGraphQlResponse> outcome = Sinks.one();
            limit.intercept(request("r" + i), chain -> {
                admitted.add(outcome);
                return outcome.asMono();
            }).subscribe();
        }
        return admitted;
    }

    private void answerNow(Sinks.One<WebGraphQlResponse> outcome) {
        outcome.tryEmitValue(answer(request("done")));
    }

    private static GraphqlProperties properties(int minInFlight, int maxInFlight) {
        return new GraphqlProperties(Duration.ofSeconds(10), 15, 1000, 1000, maxInFlight, minInFlight, Duration.ofMillis(25), Duration.ZERO);
    }

    private WebGraphQlInterceptor.Chain executing(Sinks.One<WebGraphQlResponse> outcome) {
        return request -> {
            executions.incrementAndGet();
            return outcome.asMono();
        };
    }

    private static WebGraphQlRequest request(String id) {
        return request(id, "{ products(search: \"mug\") { total } }");
    }

    private static WebGraphQlRequest request(String id, String document) {
        return new WebGraphQlRequest(URI.create("http://localhost/graphql"), new HttpHeaders(), new LinkedMultiValueMap<>(),
                Map.of(), Map.of("query", document), id, Locale.ROOT);
    }

    private static WebGraphQlResponse answer(WebGraphQlRequest request) {
        return new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(request.toExecutionInput(),
                ExecutionResult.newExecutionResult().data(Map.of()).build()));
    }
}
