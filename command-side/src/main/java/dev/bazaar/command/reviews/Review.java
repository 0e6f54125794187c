package dev.bazaar.command.reviews;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.bazaar.api.catalog.ProductId;
import dev.bazaar.api.reviews.RemoveReview;
import dev.bazaar.api.reviews.ReviewId;
import dev.bazaar.api.reviews.ReviewRemoved;
import dev.bazaar.api.reviews.ReviewSubmitted;
import dev.bazaar.api.reviews.SubmitReview;
import dev.bazaar.command.rules.RuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** A customer's review of a product: a rating from 1 to 5 and a bounded text; it can be removed once. */
@Aggregate(cache = "aggregateCache")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
class Review {

    static final int MIN_RATING = 1;
    static final int MAX_RATING = 5;
    static final int MAX_TEXT_LENGTH = 2000;
    static final int MAX_REASON_LENGTH = 500;

    @AggregateIdentifier
    private ReviewId reviewId;
    private ProductId productId;
    private int rating;
    private boolean removed;

    Review() {
    }

    @CommandHandler
    Review(SubmitReview command) {
        if (command.productId() == null || command.customerId() == null) {
            throw new RuleViolation("a review names its product and its customer");
        }
        if (command.rating() < MIN_RATING || command.rating() > MAX_RATING) {
            throw new RuleViolation("a rating is from " + MIN_RATING + " to " + MAX_RATING + ", not " + command.rating());
        }
        String text = command.text() == null ? "" : command.text().strip();
        if (text.length() > MAX_TEXT_LENGTH) {
            throw new RuleViolation("a review's text is at most " + MAX_TEXT_LENGTH + " characters");
        }
        apply(new ReviewSubmitted(command.reviewId(), command.productId(), command.customerId(), command.rating(), text));
    }

    @CommandHandler
    long handle(RemoveReview command) {
        if (removed) {
            throw new RuleViolation("review " + reviewId + " is already removed");
        }
        if (command.reason() != null && command.reason().length() > MAX_REASON_LENGTH) {
            throw new RuleViolation("a removal reason is at most " + MAX_REASON_LENGTH + " characters");
        }
        apply(new ReviewRemoved(reviewId, productId, rating, command.reason()));
        return getVersion();
    }

    @EventSourcingHandler
    void on(ReviewSubmitted event) {
        reviewId = event.reviewId();
        productId = event.productId();
        rating = event.rating();
    }

    @EventSourcingHandler
    void on(ReviewRemoved event) {
        removed = true;
    }
}
