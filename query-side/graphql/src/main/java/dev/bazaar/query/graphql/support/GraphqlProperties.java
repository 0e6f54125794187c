package dev.bazaar.query.graphql.support;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of the endpoint.
 *
 * @param queryTimeout  how long any Axon query may take before its field answers an error; above the
 *                      read models' own bounded wait for {@code minVersion}, so that their clearer error wins
 * @param maxDepth      the deepest selection a request may make (the schema has cycles: review, customer, orders, ...)
 * @param maxComplexity how many fields a request may select, counted statically
 * @param parsedQueryCacheSize how many parsed and validated query documents are kept, by query text; 0 keeps none
 * @param maxInFlight   the most requests that may execute at once; any more are answered at once with an
 *                      {@code OVERLOADED} error instead of queueing without bound
 * @param minInFlight   the fewest the adaptive limit goes down to, and where it starts ({@link InFlightLimit})
 * @param latencyTarget an execution slower than this lowers the limit
 * @param nestedProductTtl how long a product nested in another answer (order line, review) is kept and
 *                      answered without asking the catalog again; zero keeps none ({@link NestedProducts})
 */
@ConfigurationProperties("bazaar.graphql")
public record GraphqlProperties(@DefaultValue("10s") Duration queryTimeout, @DefaultValue("15") int maxDepth,
                                @DefaultValue("1000") int maxComplexity, @DefaultValue("1000") int parsedQueryCacheSize,
                                @DefaultValue("256") int maxInFlight, @DefaultValue("8") int minInFlight,
                                @DefaultValue("25ms") Duration latencyTarget, @DefaultValue("1s") Duration nestedProductTtl) {
}
