package dev.bazaar.query.document.catalog;

import dev.bazaar.api.catalog.ProductId;
import dev.bazaar.api.catalog.ProductView;
import dev.bazaar.api.catalog.RatingSummary;
import dev.bazaar.api.common.Money;
import dev.bazaar.api.customer.CustomerId;
import dev.bazaar.api.reviews.ReviewId;
import dev.bazaar.api.reviews.ReviewView;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.data.annotation.Id;

/**
 * A product as the catalog shows it: one document holding everything a product page needs.
 *
 * <p>Attributes are kept as a list of name/value pairs rather than a sub-document, because their
 * names are chosen by users (and may hold dots or dollar signs, which field names may not) and
 * because one index on the pairs serves a search on any attribute. {@code sortName} is the name in
 * lower case, so that sorting by name is not sorting by capital letters first. {@code version} is the
 * sequence number of the last product event applied.
 */
record ProductDocument(@Id String id, String name, String sortName, String description, List<Attribute> attributes,
                       Money price, int availableStock, boolean discontinued, RatingSummary rating,
                       List<LatestReview> latestReviews, long version) {

    static final String COLLECTION = "products";

    record Attribute(String name, String value) {

        static List<Attribute> listOf(Map<String, String> attributes) {
            return attributes.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .map(e -> new Attribute(e.getKey(), e.getValue()))
                    .toList();
        }
    }

    record LatestReview(String reviewId, String customerId, int rating, String text, Instant submittedAt) {
    }

    static String sortNameOf(String name) {
        return name == null ? null : name.toLowerCase(Locale.ROOT);
    }

    ProductDocument withDetails(String newName, String newDescription, List<Attribute> newAttributes) {
        return new ProductDocument(id, newName, sortNameOf(newName), newDescription, newAttributes, price, availableStock,
                discontinued, rating, latestReviews, version);
    }

    ProductDocument withPrice(Money newPrice) {
        return new ProductDocument(id, name, sortName, description, attributes, newPrice, availableStock, discontinued, rating,
                latestReviews, version);
    }

    ProductDocument withAvailableStock(int stock) {
        return new ProductDocument(id, name, sortName, description, attributes, price, stock, discontinued, rating,
                latestReviews, version);
    }

    ProductDocument discontinue() {
        return new ProductDocument(id, name, sortName, description, attributes, price, availableStock, true, rating,
                latestReviews, version);
    }

    ProductDocument withRating(RatingSummary newRating, List<LatestReview> newLatestReviews) {
        return new ProductDocument(id, name, sortName, description, attributes, price, availableStock, discontinued, newRating,
                newLatestReviews, version);
    }

    ProductDocument atVersion(long newVersion) {
        return new ProductDocument(id, name, sortName, description, attributes, price, availableStock, discontinued, rating,
                latestReviews, newVersion);
    }

    ProductView toView() {
        Map<String, String> attributeMap = new LinkedHashMap<>();
        attributes.forEach(a -> attributeMap.put(a.name(), a.value()));
        ProductId productId = ProductId.of(id);
        List<ReviewView> reviews = latestReviews.stream()
                .map(r -> new ReviewView(ReviewId.of(r.reviewId()), productId, CustomerId.of(r.customerId()), r.rating(),
                        r.text(), r.submittedAt()))
                .toList();
        return new ProductView(productId, name, description, attributeMap, price, availableStock, discontinued, rating,
                reviews, version);
    }
}
