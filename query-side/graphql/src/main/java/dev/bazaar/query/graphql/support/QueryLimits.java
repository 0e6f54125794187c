package dev.bazaar.query.graphql.support;

import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.scalars.ExtendedScalars;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

/**
 * The schema has cycles (a review's customer has orders whose lines have products with reviews...), so
 * a request's depth and size are limited before any query is sent.
 */
@Configuration(proxyBeanMethods = false)
class QueryLimits {

    @Bean
    MaxQueryDepthInstrumentation maxQueryDepth(GraphqlProperties properties) {
        return new MaxQueryDepthInstrumentation(properties.maxDepth());
    }

    @Bean
    MaxQueryComplexityInstrumentation maxQueryComplexity(GraphqlProperties properties) {
        return new MaxQueryComplexityInstrumentation(properties.maxComplexity());
    }

    @Bean
    RuntimeWiringConfigurer longScalar() {
        return wiring -> wiring.scalar(ExtendedScalars.GraphQLLong);
    }
}
