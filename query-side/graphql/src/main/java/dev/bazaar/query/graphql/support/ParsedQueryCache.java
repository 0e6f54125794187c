package dev.bazaar.query.graphql.support;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.springframework.boot.autoconfigure.graphql.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Parsed and validated query documents, by query text. Clients send the same few queries again and
 * again with different variables, and graphql-java otherwise parses and validates each one against
 * the schema on every request: about 7% of this endpoint's CPU under the system benchmark's GraphQL
 * load (JFR, bench/system). Depth and complexity limits are checked when an operation executes, so they
 * still apply to every request; a document with validation errors is cached with its errors and
 * answered the same way.
 */
@Configuration(proxyBeanMethods = false)
class ParsedQueryCache {

    @Bean
    GraphQlSourceBuilderCustomizer cachedParsedDocuments(GraphqlProperties properties) {
        if (properties.parsedQueryCacheSize() == 0) {
            return builder -> { };
        }
        Cache<String, PreparsedDocumentEntry> documents = Caffeine.newBuilder().maximumSize(properties.parsedQueryCacheSize()).build();
        PreparsedDocumentProvider provider = (ExecutionInput input, Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) ->
                CompletableFuture.completedFuture(documents.get(input.getQuery(), query -> parseAndValidate.apply(input)));
        return builder -> builder.configureGraphQl(graphQl -> graphQl.preparsedDocumentProvider(provider));
    }
}
