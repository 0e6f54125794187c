package dev.bazaar.command.reviews;

import dev.bazaar.api.catalog.ProductId;
import dev.bazaar.api.customer.CustomerId;
import dev.bazaar.api.reviews.RemoveReview;
import dev.bazaar.api.reviews.ReviewId;
import dev.bazaar.api.reviews.ReviewRemoved;
import dev.bazaar.api.reviews.ReviewSubmitted;
import dev.bazaar.api.reviews.SubmitReview;
import dev.bazaar.command.rules.RuleViolation;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReviewTest {

    private static final ReviewId REVIEW = ReviewId.of("review-1");
    private static final ProductId MUG = ProductId.of("mug");
    private static final CustomerId ANN = CustomerId.of("ann");
    private static final ReviewSubmitted SUBMITTED = new ReviewSubmitted(REVIEW, MUG, ANN, 4, "Holds tea");

    private AggregateTestFixture<Review> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Review.class);
    }

    @Test
    void submittingAReview() {
        fixture.givenNoPriorActivity()
                .when(new SubmitReview(REVIEW, MUG, ANN, 4, " Holds tea "))
                .expectEvents(SUBMITTED);
    }

    @Test
    void aRatingBelowOneIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new SubmitReview(REVIEW, MUG, ANN, 0, "Bad"))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage("a rating is from 1 to 5, not 0");
    }

    @Test
    void aRatingAboveFiveIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new SubmitReview(REVIEW, MUG, ANN, 6, "Great"))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage("a rating is from 1 to 5, not 6");
    }

    @Test
    void aTextOverTheLimitIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new SubmitReview(REVIEW, MUG, ANN, 3, "x".repeat(Review.MAX_TEXT_LENGTH + 1)))
                .expectNoEvents()
                .expectException(RuleViolation.class);
    }

    @Test
    void aTextAtTheLimitIsAccepted() {
        String text = "x".repeat(Review.MAX_TEXT_LENGTH);
        fixture.givenNoPriorActivity()
                .when(new SubmitReview(REVIEW, MUG, ANN, 3, text))
                .expectEvents(new ReviewSubmitted(REVIEW, MUG, ANN, 3, text));
    }

    @Test
    void aReviewNamesItsProduct() {
        fixture.givenNoPriorActivity()
                .when(new SubmitReview(REVIEW, null, ANN, 3, "ok"))
                .expectNoEvents()
                .expectException(RuleViolation.class);
    }

    @Test
    void removingAReviewCarriesItsProductAndRating() {
        fixture.given(SUBMITTED)
                .when(new RemoveReview(REVIEW, "spam"))
                .expectEvents(new ReviewRemoved(REVIEW, MUG, 4, "spam"))
                .expectResultMessagePayload(1L);
    }

    @Test
    void aReviewIsRemovedOnlyOnce() {
        fixture.given(SUBMITTED, new ReviewRemoved(REVIEW, MUG, 4, "spam"))
                .when(new RemoveReview(REVIEW, "again"))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage("review review-1 is already removed");
    }

    @Test
    void removingAnUnknownReviewFails() {
        fixture.givenNoPriorActivity()
                .when(new RemoveReview(REVIEW, "spam"))
                .expectNoEvents()
                .expectException(AggregateNotFoundException.class);
    }
}
