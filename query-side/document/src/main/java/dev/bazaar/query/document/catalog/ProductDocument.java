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
import org.bson.Document;
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

        Document toBson() {
            return BsonFields.withoutNulls(new Document("name", name).append("value", value));
        }

        static Attribute fromBson(Document bson) {
            return new Attribute(bson.getString("name"), bson.getString("value"));
        }

        static List<Attribute> listOf(Map<String, String> attributes) {
            return attributes.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .map(e -> new Attribute(e.getKey(), e.getValue()))
                    .toList();
        }
    }

    record LatestReview(String reviewId, String customerId, int rating, String text, Instant submittedAt) {

        Document toBson() {
            return BsonFields.withoutNulls(new Document("reviewId", reviewId).append("customerId", customerId).append("rating", rating)
                    .append("text", text).append("submittedAt", BsonFields.date(submittedAt)));
        }

        static LatestReview fromBson(Document bson) {
            return new LatestReview(bson.getString("reviewId"), bson.getString("customerId"), BsonFields.intOf(bson, "rating"),
                    bson.getString("text"), BsonFields.instant(bson, "submittedAt"));
        }
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

    /**
     * The document as stored, laid out as Spring Data writes this record (so the queries read it through
     * Spring Data), built by hand: the projection reads and writes every product a batch changes, and Spring
     * Data's reflective mapping of these nested records took about a fifth of the processor threads' CPU in a
     * rebuild (JFR).
     */
    Document toBson() {
        Document bson = new Document("_id", id).append("name", name).append("sortName", sortName).append("description", description)
                .append("attributes", attributes.stream().map(Attribute::toBson).toList())
                .append("price", price == null ? null : new Document("amountMinor", price.amountMinor()).append("currency", price.currency()))
                .append("availableStock", availableStock).append("discontinued", discontinued)
                .append("rating", rating == null ? null : new Document("count", rating.count()).append("average", rating.average())
                        .append("histogram", rating.histogram()))
                .append("latestReviews", latestReviews.stream().map(LatestReview::toBson).toList())
                .append("version", version);
        return BsonFields.withoutNulls(bson);
    }

    static ProductDocument fromBson(Document bson) {
        Document price = bson.get("price", Document.class);
        Document rating = bson.get("rating", Document.class);
        return new ProductDocument(bson.getString("_id"), bson.getString("name"), bson.getString("sortName"), bson.getString("description"),
                BsonFields.list(bson, "attributes").stream().map(Attribute::fromBson).toList(),
                price == null ? null : Money.of(BsonFields.longOf(price, "amountMinor"), price.getString("currency")),
                BsonFields.intOf(bson, "availableStock"), Boolean.TRUE.equals(bson.getBoolean("discontinued")),
                rating == null ? null : new RatingSummary(BsonFields.longOf(rating, "count"), ((Number) rating.get("average")).doubleValue(),
                        rating.getList("histogram", Number.class).stream().map(Number::longValue).toList()),
                BsonFields.list(bson, "latestReviews").stream().map(LatestReview::fromBson).toList(), BsonFields.longOf(bson, "version"));
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
