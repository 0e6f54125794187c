package dev.bazaar.query.document.catalog;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import dev.bazaar.api.catalog.FindProduct;
import dev.bazaar.api.catalog.FindProductsByIds;
import dev.bazaar.api.catalog.FindTopRatedProducts;
import dev.bazaar.api.catalog.ProductId;
import dev.bazaar.api.catalog.ProductList;
import dev.bazaar.api.catalog.ProductPage;
import dev.bazaar.api.catalog.ProductView;
import dev.bazaar.api.catalog.SearchProducts;
import dev.bazaar.api.common.PageRequest;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Component;

/**
 * The catalog's queries. An unknown product is answered with no product: callers ask with
 * {@code ResponseTypes.optionalInstanceOf(ProductView.class)} and receive an empty {@link Optional};
 * in lists it is simply absent.
 */
@Component
class CatalogQueries {

    private final ProductStore products;
    private final ProductVersionGate versions;

    CatalogQueries(ProductStore products, ProductVersionGate versions) {
        this.products = products;
        this.versions = versions;
    }

    /**
     * Without a {@code minVersion}, answers at once. With one, answers once the catalog has applied that
     * version of the product, or fails with {@link ReadModelBehindException} after the configured wait.
     * The future completes with {@code null} for an unknown product rather than with an {@link Optional}:
     * Axon unwraps an {@code Optional} returned directly but not one inside a future, which would reach
     * the caller as an untyped map.
     */
    @QueryHandler
    CompletableFuture<ProductView> handle(FindProduct query) {
        if (query.minVersion() == null) {
            return CompletableFuture.completedFuture(products.find(query.productId().value()).map(ProductDocument::toView).orElse(null));
        }
        return versions.whenApplied(query.productId(), query.minVersion()).thenApply(ProductDocument::toView);
    }

    /** The known products among the ids, in the order asked, each once. */
    @QueryHandler
    ProductList handle(FindProductsByIds query) {
        List<String> ids = query.productIds().stream().map(ProductId::value).distinct().toList();
        Map<String, ProductDocument> found = products.findAll(ids).stream()
                .collect(Collectors.toMap(ProductDocument::id, Function.identity()));
        return new ProductList(ids.stream().map(found::get).filter(Objects::nonNull).map(ProductDocument::toView).toList());
    }

    /**
     * The page is read with one product more than it holds: a page that comes back short (the usual
     * search) says the total itself, so the matching products are counted only when there are more of
     * them than the page shows, or the page is past the end. The MongoDB-protocol server answers a
     * text search by reading every product, so this halves the usual search's work there.
     */
    @QueryHandler
    ProductPage handle(SearchProducts query) {
        PageRequest page = query.page();
        List<ProductDocument> found = products.find(ProductSearch.pageAndOneMore(query));
        boolean totalKnown = found.size() <= page.size() && (!found.isEmpty() || page.offset() == 0);
        long total = totalKnown ? page.offset() + found.size() : products.count(ProductSearch.matching(query));
        List<ProductView> items = found.stream().limit(page.size()).map(ProductDocument::toView).toList();
        return new ProductPage(items, total);
    }

    @QueryHandler
    ProductList handle(FindTopRatedProducts query) {
        return new ProductList(products.find(query(where(ProductStore.RATING_COUNT).gte(1))
                        .with(ProductSearch.topRated().and(Sort.by(Sort.Order.asc("_id"))))
                        .limit(query.limit()))
                .stream().map(ProductDocument::toView).toList());
    }
}
