package dev.bazaar.query.document.reviews;

import dev.bazaar.api.reviews.ReviewRemoved;
import dev.bazaar.api.reviews.ReviewSubmitted;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

/** The reviews read model: one document per review, submitted when the review is and marked when it is removed. */
@Component
@ProcessingGroup(ReviewProjection.PROCESSING_GROUP)
class ReviewProjection {

    static final String PROCESSING_GROUP = "reviews";

    private final ReviewStore reviews;

    ReviewProjection(ReviewStore reviews) {
        this.reviews = reviews;
    }

    @EventHandler
    void on(ReviewSubmitted event, @SequenceNumber long version, @Timestamp Instant submittedAt) {
        reviews.submitted(event, version, submittedAt);
    }

    @EventHandler
    void on(ReviewRemoved event, @SequenceNumber long version) {
        reviews.removed(event, version);
    }
}
