package dev.bazaar.query.document.catalog;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import dev.bazaar.api.catalog.ProductAdded;
import dev.bazaar.api.catalog.ProductId;
import dev.bazaar.api.catalog.RatingSummary;
import dev.bazaar.api.reviews.ReviewRemoved;
import dev.bazaar.api.reviews.ReviewSubmitted;
import dev.bazaar.query.document.catalog.RatedReviews.ProductReviews;
import dev.bazaar.query.document.catalog.RatedReviews.RatedReview;
import dev.bazaar.query.document.rebuild.UnitOfWorkBatch;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.axonframework.eventhandling.EventMessage;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * One batch of catalog events applied in memory and written with two bulk writes: the reviews of the
 * products whose reviews it changed, then the products it changed, each written once however many
 * events changed it.
 *
 * <p>The rules are those of a write per event: a product is created once, a later event changes it
 * only if its version is newer than the document's, a review is stored once and a removal marks it,
 * and a product's rating and latest reviews are recomputed from all of its stored reviews after any
 * review event. What a batch touches is loaded first (in one query per collection when the batch's
 * events are known up front, both by primary key), so the batch needs memory for its products and their
 * reviews only.
 * Reviews are written before products: a crash in between leaves a rating that the redelivered
 * events recompute. Documents are read and written as BSON mapped by hand ({@link ProductDocument#toBson()}),
 * not through Spring Data's converter.
 */
final class CatalogBatch implements UnitOfWorkBatch.Changes {

    static final String RESOURCE = "bazaar.catalog.batch";
    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

    private final MongoTemplate mongo;
    private final String productsCollection;
    private final String reviewsCollection;
    private final Map<String, Optional<ProductDocument>> products = new HashMap<>();
    private final Map<String, Map<String, RatedReview>> reviewsByProduct = new HashMap<>();
    private final Set<String> changedProducts = new LinkedHashSet<>();
    private final Set<String> changedReviews = new LinkedHashSet<>();
    private final Set<String> ratingsToRecompute = new LinkedHashSet<>();
    private final Map<String, Long> appliedVersions = new HashMap<>();
    private int events;

    CatalogBatch(MongoTemplate mongo, String productsCollection, String reviewsCollection, List<? extends EventMessage<?>> batch) {
        this.mongo = mongo;
        this.productsCollection = productsCollection;
        this.reviewsCollection = reviewsCollection;
        preload(batch);
    }

    void add(ProductAdded added, long version) {
        String id = added.productId().value();
        if (product(id).isEmpty()) {
            products.put(id, Optional.of(new ProductDocument(id, added.name(), ProductDocument.sortNameOf(added.name()),
                    added.description(), ProductDocument.Attribute.listOf(added.attributes()), added.price(),
                    added.availableStock(), false, RatingSummary.none(), List.of(), version)));
            changedProducts.add(id);
        }
        // A review can be submitted for a product the catalog has not seen yet; it counts from the start.
        ratingsToRecompute.add(id);
        applied(added.productId(), version);
    }

    /** Applies {@code change} as version {@code version} of the product, unless that version or a later one is applied. */
    void changeIfNewer(ProductId productId, long version, UnaryOperator<ProductDocument> change) {
        String id = productId.value();
        product(id).filter(p -> p.version() < version).ifPresent(p -> {
            products.put(id, Optional.of(change.apply(p).atVersion(version)));
            changedProducts.add(id);
        });
        applied(productId, version);
    }

    void submitted(ReviewSubmitted review, long version, Instant submittedAt) {
        String productId = review.productId().value();
        Map<String, RatedReview> reviews = reviewsOf(productId);
        if (!reviews.containsKey(review.reviewId().value())) {
            // Stored to the millisecond, as MongoDB keeps dates, so that ordering in memory and in the database agree.
            RatedReview stored = new RatedReview(review.reviewId().value(), review.customerId().value(),
                    review.rating(), review.text(), submittedAt.truncatedTo(ChronoUnit.MILLIS), false, version);
            reviews.put(stored.reviewId(), stored);
            changedReviews.add(productId);
        }
        ratingsToRecompute.add(productId);
        events++;
    }

    void removed(ReviewRemoved removal, long version) {
        String productId = removal.productId().value();
        Map<String, RatedReview> reviews = reviewsOf(productId);
        RatedReview stored = reviews.get(removal.reviewId().value());
        if (stored != null && stored.version() < version) {
            RatedReview marked = stored.removedAt(version);
            reviews.put(marked.reviewId(), marked);
            changedReviews.add(productId);
        }
        ratingsToRecompute.add(productId);
        events++;
    }

    /** The products whose documents this batch wrote, with the version each reached. */
    Map<String, Long> appliedVersions() {
        return appliedVersions;
    }

    int events() {
        return events;
    }

    @Override
    public void flush() {
        for (String productId : ratingsToRecompute) {
            product(productId).ifPresent(p -> {
                Collection<RatedReview> reviews = reviewsOf(productId).values();
                ProductDocument rated = p.withRating(RatedReviews.summaryOf(reviews), RatedReviews.latestOf(reviews));
                if (!rated.equals(p)) {
                    products.put(productId, Optional.of(rated));
                    changedProducts.add(productId);
                }
            });
        }
        if (!changedReviews.isEmpty()) {
            write(reviewsCollection, changedReviews.stream().map(this::reviewsDocument).toList(), ProductReviews::productId,
                    ProductReviews::toBson);
        }
        if (!changedProducts.isEmpty()) {
            write(productsCollection, changedProducts.stream().map(id -> products.get(id).orElseThrow()).toList(), ProductDocument::id,
                    ProductDocument::toBson);
        }
    }

    /**
     * One unordered bulk write of one command (the driver sends inserts and updates as separate commands, and
     * each command is a commit of the embedded server's file): every changed document replaces what is stored
     * under its id, or is inserted. Only this batch's thread writes these documents (the processor's
     * sequencing), so nothing else changed them since the batch loaded them.
     */
    private <T> void write(String collection, Collection<T> documents, Function<T, String> idOf, Function<T, Document> toBson) {
        List<WriteModel<Document>> writes = new ArrayList<>(documents.size());
        for (T document : documents) {
            writes.add(new ReplaceOneModel<>(Filters.eq("_id", idOf.apply(document)), toBson.apply(document), UPSERT));
        }
        mongo.execute(collection, c -> c.bulkWrite(writes, UNORDERED));
    }

    private ProductReviews reviewsDocument(String productId) {
        return new ProductReviews(productId, reviewsOf(productId).values().stream()
                .sorted(Comparator.comparing(RatedReview::reviewId)).toList());
    }

    private void applied(ProductId productId, long version) {
        appliedVersions.merge(productId.value(), version, Math::max);
        events++;
    }

    private Optional<ProductDocument> product(String id) {
        return products.computeIfAbsent(id, missing -> find(productsCollection, List.of(missing)).stream().findFirst()
                .map(ProductDocument::fromBson));
    }

    private Map<String, RatedReview> reviewsOf(String productId) {
        return reviewsByProduct.computeIfAbsent(productId, missing -> {
            Map<String, RatedReview> loaded = new HashMap<>();
            find(reviewsCollection, List.of(missing)).forEach(stored -> addReviews(stored, loaded));
            return loaded;
        });
    }

    private static void addReviews(Document stored, Map<String, RatedReview> into) {
        BsonFields.list(stored, "reviews").forEach(bson -> {
            RatedReview review = RatedReview.fromBson(bson);
            into.put(review.reviewId(), review);
        });
    }

    /** The documents with these ids, by primary key, as stored. */
    private List<Document> find(String collection, Collection<String> ids) {
        return mongo.execute(collection, c -> c.find(ids.size() == 1 ? Filters.eq("_id", ids.iterator().next()) : Filters.in("_id", ids))
                .into(new ArrayList<>()));
    }

    /** Loads every product and every product's reviews the batch's events touch, in one query each. */
    private void preload(List<? extends EventMessage<?>> batch) {
        Set<String> productIds = new HashSet<>();
        Set<String> rated = new HashSet<>();
        for (EventMessage<?> event : batch) {
            Object payload = event.getPayload();
            if (payload instanceof ReviewSubmitted submitted) {
                productIds.add(submitted.productId().value());
                rated.add(submitted.productId().value());
            } else if (payload instanceof ReviewRemoved removal) {
                productIds.add(removal.productId().value());
                rated.add(removal.productId().value());
            } else if (payload instanceof ProductAdded added) {
                productIds.add(added.productId().value());
                rated.add(added.productId().value());
            } else {
                CatalogProjection.productOf(payload).ifPresent(id -> productIds.add(id.value()));
            }
        }
        if (productIds.size() > 1) {
            productIds.forEach(id -> products.put(id, Optional.empty()));
            find(productsCollection, productIds).stream().map(ProductDocument::fromBson).forEach(p -> products.put(p.id(), Optional.of(p)));
        }
        if (rated.size() > 1) {
            rated.forEach(id -> reviewsByProduct.put(id, new HashMap<>()));
            find(reviewsCollection, rated).forEach(stored -> addReviews(stored, reviewsByProduct.get(stored.getString("_id"))));
        }
    }
}
