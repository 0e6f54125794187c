package dev.bazaar.query.graphql.catalog;

import dev.bazaar.api.catalog.FindProduct;
import dev.bazaar.api.catalog.FindTopRatedProducts;
import dev.bazaar.api.catalog.ProductId;
import dev.bazaar.api.catalog.ProductList;
import dev.bazaar.api.catalog.ProductPage;
import dev.bazaar.api.catalog.ProductSort;
import dev.bazaar.api.catalog.ProductView;
import dev.bazaar.api.catalog.RatingSummary;
import dev.bazaar.api.catalog.SearchProducts;
import dev.bazaar.api.common.PageRequest;
import dev.bazaar.api.reviews.FindReviewsOfProduct;
import dev.bazaar.api.reviews.ReviewPage;
import dev.bazaar.api.reviews.ReviewView;
import dev.bazaar.query.graphql.support.PageOf;
import dev.bazaar.query.graphql.support.ReadModelQueries;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** Products, their search and their reviews, from the document read model. */
@Controller
class ProductController {

    private final ReadModelQueries queries;

    ProductController(ReadModelQueries queries) {
        this.queries = queries;
    }

    @QueryMapping
    CompletableFuture<ProductView> product(@Argument String id, @Argument Long minVersion) {
        FindProduct query = new FindProduct(ProductId.of(id), minVersion);
        return queries.find(query, ProductView.class, "product " + id, minVersion, ProductView::version);
    }

    @QueryMapping
    CompletableFuture<PageOf<ProductView>> searchProducts(@Argument String text, @Argument List<AttributeFilter> attributes,
                                                          @Argument Long minPrice, @Argument Long maxPrice,
                                                          @Argument ProductSort sort, @Argument int page, @Argument int size) {
        PageRequest request = new PageRequest(page, size);
        SearchProducts query = new SearchProducts(text, AttributeFilter.toMap(attributes), minPrice, maxPrice, sort, request);
        return queries.ask(query, ProductPage.class).thenApply(answer -> PageOf.of(answer.items(), answer.total(), request));
    }

    @QueryMapping
    CompletableFuture<List<ProductView>> topRatedProducts(@Argument int limit) {
        return queries.ask(new FindTopRatedProducts(limit), ProductList.class).thenApply(ProductList::items);
    }

    @SchemaMapping(typeName = "Product")
    String id(ProductView product) {
        return product.productId().value();
    }

    @SchemaMapping(typeName = "Product")
    List<Attribute> attributes(ProductView product) {
        return product.attributes().entrySet().stream()
                .map(entry -> new Attribute(entry.getKey(), entry.getValue()))
                .sorted(Comparator.comparing(Attribute::name))
                .toList();
    }

    @SchemaMapping(typeName = "Product")
    CompletableFuture<PageOf<ReviewView>> reviews(ProductView product, @Argument int page, @Argument int size) {
        PageRequest request = new PageRequest(page, size);
        return queries.ask(new FindReviewsOfProduct(product.productId(), request), ReviewPage.class)
                .thenApply(answer -> PageOf.of(answer.items(), answer.total(), request));
    }

    @SchemaMapping(typeName = "Rating")
    List<RatingBucket> histogram(RatingSummary rating) {
        return IntStream.rangeClosed(1, 5).mapToObj(stars -> new RatingBucket(stars, rating.histogram().get(stars - 1))).toList();
    }

    record Attribute(String name, String value) {
    }

    record RatingBucket(int stars, long count) {
    }

    record AttributeFilter(String name, String value) {

        static Map<String, String> toMap(List<AttributeFilter> filters) {
            if (filters == null) {
                return Map.of();
            }
            return filters.stream().collect(Collectors.toMap(AttributeFilter::name, AttributeFilter::value, (first, second) -> {
                throw new IllegalArgumentException("each attribute may be filtered on once");
            }));
        }
    }
}
