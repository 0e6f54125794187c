package dev.bazaar.query.graphql.support;

import dev.bazaar.api.catalog.ProductId;
import dev.bazaar.api.catalog.ProductView;
import dev.bazaar.api.customer.CustomerId;
import dev.bazaar.api.customer.CustomerList;
import dev.bazaar.api.customer.CustomerView;
import dev.bazaar.api.customer.FindCustomersByIds;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The DataLoaders behind every nested product and customer: whichever fields ask for them (order lines,
 * reviews, orders), the ids asked for at one level of a request go out as ONE batched Axon query.
 * Ids the read model does not know are absent from its answer and resolve to null. Products are also
 * kept for a short while across requests ({@link NestedProducts}).
 */
@Component
class ViewLoaders {

    ViewLoaders(BatchLoaderRegistry registry, ReadModelQueries queries, GraphqlProperties properties) {
        NestedProducts products = new NestedProducts(queries, properties.nestedProductTtl());
        registry.forTypePair(ProductId.class, ProductView.class).registerMappedBatchLoader((ids, env) ->
                Mono.fromFuture(() -> products.load(ids)));
        registry.forTypePair(CustomerId.class, CustomerView.class).registerMappedBatchLoader((ids, env) ->
                Mono.fromFuture(() -> queries.ask(new FindCustomersByIds(List.copyOf(ids)), CustomerList.class))
                        .map(list -> byId(list.items(), CustomerView::customerId)));
    }

    private static <K, V> Map<K, V> byId(List<V> views, Function<V, K> idOf) {
        return views.stream().collect(Collectors.toMap(idOf, Function.identity(), (first, second) -> first));
    }
}
