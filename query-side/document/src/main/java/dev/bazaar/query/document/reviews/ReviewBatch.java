package dev.bazaar.query.document.reviews;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import dev.bazaar.api.reviews.ReviewRemoved;
import dev.bazaar.api.reviews.ReviewSubmitted;
import dev.bazaar.query.document.rebuild.UnitOfWorkBatch;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * One batch of review events applied in memory and written with one bulk write. A review is stored
 * once (a redelivered submission finds it) and a removal marks it only if it is newer than what the
 * document holds, as with a write per event.
 */
final class ReviewBatch implements UnitOfWorkBatch.Changes {

    static final String RESOURCE = "bazaar.reviews.batch";

    private final MongoTemplate mongo;
    private final String collection;
    private final Map<String, Optional<ReviewDocument>> reviews = new HashMap<>();
    private final Map<String, ReviewDocument> changed = new LinkedHashMap<>();
    private final Set<String> stored = new HashSet<>();
    private int events;

    ReviewBatch(MongoTemplate mongo, String collection, List<? extends EventMessage<?>> batch) {
        this.mongo = mongo;
        this.collection = collection;
        Set<String> ids = batch.stream().map(ReviewBatch::reviewOf).flatMap(Optional::stream).collect(Collectors.toSet());
        if (ids.size() > 1) {
            ids.forEach(id -> reviews.put(id, Optional.empty()));
            mongo.find(query(where("_id").in(ids)), ReviewDocument.class, collection).forEach(r -> {
                reviews.put(r.id(), Optional.of(r));
                stored.add(r.id());
            });
        }
    }

    void submitted(ReviewSubmitted review, long version, Instant submittedAt) {
        String id = review.reviewId().value();
        if (review(id).isEmpty()) {
            // To the millisecond, as MongoDB keeps dates.
            ReviewDocument stored = new ReviewDocument(id, review.productId().value(), review.customerId().value(),
                    review.rating(), review.text(), submittedAt.truncatedTo(ChronoUnit.MILLIS), false, null, version);
            reviews.put(id, Optional.of(stored));
            changed.put(id, stored);
        }
        events++;
    }

    void removed(ReviewRemoved removal, long version) {
        String id = removal.reviewId().value();
        review(id).filter(r -> r.version() < version).ifPresent(r -> {
            ReviewDocument marked = r.removedAt(version, removal.reason());
            reviews.put(id, Optional.of(marked));
            changed.put(id, marked);
        });
        events++;
    }

    int events() {
        return events;
    }

    @Override
    public void flush() {
        if (!changed.isEmpty()) {
            BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, ReviewDocument.class, collection);
            // Only this batch's thread writes these reviews, so one not stored when loaded is inserted.
            changed.values().forEach(r -> {
                if (stored.contains(r.id())) {
                    bulk.replaceOne(query(where("_id").is(r.id())), r, FindAndReplaceOptions.options().upsert());
                } else {
                    bulk.insert(r);
                }
            });
            bulk.execute();
        }
    }

    private Optional<ReviewDocument> review(String id) {
        return reviews.computeIfAbsent(id, missing -> {
            Optional<ReviewDocument> loaded = Optional.ofNullable(mongo.findById(missing, ReviewDocument.class, collection));
            loaded.ifPresent(r -> stored.add(r.id()));
            return loaded;
        });
    }

    private static Optional<String> reviewOf(EventMessage<?> event) {
        if (event.getPayload() instanceof ReviewSubmitted submitted) {
            return Optional.of(submitted.reviewId().value());
        }
        if (event.getPayload() instanceof ReviewRemoved removal) {
            return Optional.of(removal.reviewId().value());
        }
        return Optional.empty();
    }
}
