package dev.bazaar.query.document.reviews;

import dev.bazaar.api.reviews.ReviewRemoved;
import dev.bazaar.api.reviews.ReviewSubmitted;
import dev.bazaar.query.document.rebuild.AppliedEvents;
import dev.bazaar.query.document.rebuild.Generations;
import dev.bazaar.query.document.rebuild.UnitOfWorkBatch;
import java.time.Instant;
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The reviews read model: one document per review, submitted when the review is and marked when it is
 * removed. A processor batch is written at once ({@link ReviewBatch}) into the generation being written.
 */
@Component
@ProcessingGroup(ReviewsReadModel.NAME)
class ReviewProjection {

    private final MongoTemplate mongo;
    private final Generations generations;
    private final AppliedEvents appliedEvents;

    ReviewProjection(MongoTemplate mongo, Generations generations, AppliedEvents appliedEvents) {
        this.mongo = mongo;
        this.generations = generations;
        this.appliedEvents = appliedEvents;
    }

    @EventHandler
    void on(ReviewSubmitted event, @SequenceNumber long version, @Timestamp Instant submittedAt) {
        inBatch(batch -> batch.submitted(event, version, submittedAt));
    }

    @EventHandler
    void on(ReviewRemoved event, @SequenceNumber long version) {
        inBatch(batch -> batch.removed(event, version));
    }

    private void inBatch(Consumer<ReviewBatch> change) {
        UnitOfWorkBatch.apply(ReviewBatch.RESOURCE,
                events -> new CountedBatch(new ReviewBatch(mongo, generations.writeCollection(ReviewsReadModel.NAME, ReviewDocument.COLLECTION))),
                counted -> change.accept(counted.batch));
    }

    /** A batch that counts its events once written. */
    private final class CountedBatch implements UnitOfWorkBatch.Changes {

        private final ReviewBatch batch;

        private CountedBatch(ReviewBatch batch) {
            this.batch = batch;
        }

        @Override
        public void flush() {
            batch.flush();
            appliedEvents.applied(ReviewsReadModel.NAME, batch.events());
        }
    }
}
