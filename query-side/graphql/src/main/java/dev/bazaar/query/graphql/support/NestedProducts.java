package dev.bazaar.query.graphql.support;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.bazaar.api.catalog.FindProductsByIds;
import dev.bazaar.api.catalog.ProductId;
import dev.bazaar.api.catalog.ProductList;
import dev.bazaar.api.catalog.ProductView;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The products nested in other answers (an order line's product, a review's product), kept for
 * {@code bazaar.graphql.nested-product-ttl} after the catalog answered them. A customer's last 20 orders
 * name a few dozen products, and most of them were answered a moment ago for another request: asking
 * the catalog only for the ones not kept takes the document read model off most customer queries.
 *
 * <p>Read-your-writes is unaffected: it is promised only through {@code minVersion}, which a nested
 * product has no argument for, and every top-level {@code product(id)} and {@code searchProducts} still
 * asks the catalog. A nested product is at most that TTL older than what the catalog had applied when
 * it was asked; a product unknown to the catalog is not kept, so it is asked again each time.
 */
final class NestedProducts {

    private static final int MAX_KEPT = 100_000;

    private final ReadModelQueries queries;
    private final Cache<ProductId, ProductView> recent;

    NestedProducts(ReadModelQueries queries, Duration ttl) {
        this.queries = queries;
        this.recent = ttl.isZero() ? null : Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(MAX_KEPT).build();
    }

    /** The known products among the ids; those not kept are asked in ONE query. */
    CompletableFuture<Map<ProductId, ProductView>> load(Set<ProductId> ids) {
        Map<ProductId, ProductView> found = recent == null ? new HashMap<>() : new HashMap<>(recent.getAllPresent(ids));
        List<ProductId> missing = ids.stream().filter(id -> !found.containsKey(id)).toList();
        if (missing.isEmpty()) {
            return CompletableFuture.completedFuture(found);
        }
        return queries.ask(new FindProductsByIds(missing), ProductList.class).thenApply(answer -> {
            for (ProductView product : answer.items()) {
                found.put(product.productId(), product);
                if (recent != null) {
                    recent.put(product.productId(), product);
                }
            }
            return found;
        });
    }
}
