package dev.bazaar.query.document.reviews;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import dev.bazaar.api.reviews.ReviewRemoved;
import dev.bazaar.api.reviews.ReviewSubmitted;
import dev.bazaar.query.document.rebuild.UnitOfWorkBatch;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * One batch of review events applied in memory and written with one bulk write of one command, without
 * reading anything first: a review has two events, its submission (which says everything about it) and
 * its removal (its last), so the batch knows each write it has to make.
 * <ul>
 * <li>a submission is an upsert that only sets fields when it inserts ({@code $setOnInsert}): a
 * redelivered submission finds its review and changes nothing, so it cannot bring a removed one back;</li>
 * <li>a removal sets the removal's fields on the review if it is there: repeated, it writes the same
 * values again;</li>
 * <li>a review submitted and removed in the same batch is one upsert doing both.</li>
 * </ul>
 * Each write names its document by {@code _id} alone, which any MongoDB, and the embedded server, answers
 * from the primary key.
 */
final class ReviewBatch implements UnitOfWorkBatch.Changes {

    static final String RESOURCE = "bazaar.reviews.batch";
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

    private final MongoTemplate mongo;
    private final String collection;
    private final Map<String, ReviewDocument> submitted = new LinkedHashMap<>();
    private final Map<String, Removal> removed = new LinkedHashMap<>();
    private int events;

    private record Removal(String reason, long version) {

        Document fields() {
            Document fields = new Document("removed", true).append("version", version);
            if (reason != null) {
                fields.append("removalReason", reason);
            }
            return fields;
        }
    }

    ReviewBatch(MongoTemplate mongo, String collection) {
        this.mongo = mongo;
        this.collection = collection;
    }

    void submitted(ReviewSubmitted review, long version, Instant submittedAt) {
        // To the millisecond, as MongoDB keeps dates.
        submitted.putIfAbsent(review.reviewId().value(), new ReviewDocument(review.reviewId().value(), review.productId().value(),
                review.customerId().value(), review.rating(), review.text(), submittedAt.truncatedTo(ChronoUnit.MILLIS), false, null,
                version));
        events++;
    }

    void removed(ReviewRemoved removal, long version) {
        removed.merge(removal.reviewId().value(), new Removal(removal.reason(), version),
                (known, later) -> later.version() > known.version() ? later : known);
        events++;
    }

    int events() {
        return events;
    }

    @Override
    public void flush() {
        List<WriteModel<Document>> writes = new ArrayList<>(submitted.size() + removed.size());
        submitted.forEach((id, review) -> {
            Removal removal = removed.remove(id);
            Document fields = review.toBson();
            fields.remove("_id");
            Document update = new Document("$setOnInsert", fields);
            if (removal != null && removal.version() > review.version()) {
                Document removalFields = removal.fields();
                removalFields.keySet().forEach(fields::remove);
                update.append("$set", removalFields);
            }
            writes.add(new UpdateOneModel<>(Filters.eq("_id", id), update, UPSERT));
        });
        removed.forEach((id, removal) -> writes.add(new UpdateOneModel<>(Filters.eq("_id", id), new Document("$set", removal.fields()))));
        if (!writes.isEmpty()) {
            mongo.execute(collection, c -> c.bulkWrite(writes, UNORDERED));
        }
    }
}
