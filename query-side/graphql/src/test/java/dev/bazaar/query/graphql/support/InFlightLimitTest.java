package dev.bazaar.query.graphql.support;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.ExecutionResult;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
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
        InFlightLimit limit = new InFlightLimit(new GraphqlProperties(Duration.ofSeconds(10), 15, 1000, 1000, 2));
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

    private WebGraphQlInterceptor.Chain executing(Sinks.One<WebGraphQlResponse> outcome) {
        return request -> {
            executions.incrementAndGet();
            return outcome.asMono();
        };
    }

    private static WebGraphQlRequest request(String id) {
        return new WebGraphQlRequest(URI.create("http://localhost/graphql"), new HttpHeaders(), new LinkedMultiValueMap<>(),
                Map.of(), Map.of("query", "{ products(search: \"mug\") { total } }"), id, Locale.ROOT);
    }

    private static WebGraphQlResponse answer(WebGraphQlRequest request) {
        return new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(request.toExecutionInput(),
                ExecutionResult.newExecutionResult().data(Map.of()).build()));
    }
}
