package dev.bazaar.query.document.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.api.catalog.PriceChanged;
import dev.bazaar.api.catalog.ProductId;
import dev.bazaar.api.common.Money;
import dev.bazaar.api.customer.CustomerId;
import dev.bazaar.api.reviews.ReviewId;
import dev.bazaar.api.reviews.ReviewRemoved;
import dev.bazaar.api.reviews.ReviewSubmitted;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;

class ReviewsFollowTheirProductTest {

    private final ReviewsFollowTheirProduct policy = new ReviewsFollowTheirProduct();
    private final ProductId lamp = ProductId.of("lamp");

    @Test
    void aProductsReviewsShareItsSequence() {
        Object product = policy.getSequenceIdentifierFor(
                new GenericDomainEventMessage<>("Product", "lamp", 3, new PriceChanged(lamp, Money.of(1, "EUR"))));
        Object submitted = policy.getSequenceIdentifierFor(new GenericDomainEventMessage<>("Review", "r1", 0,
                new ReviewSubmitted(ReviewId.of("r1"), lamp, CustomerId.of("ann"), 5, "ok")));
        Object removed = policy.getSequenceIdentifierFor(new GenericDomainEventMessage<>("Review", "r2", 1,
                new ReviewRemoved(ReviewId.of("r2"), lamp, 5, "spam")));
        Object otherProduct = policy.getSequenceIdentifierFor(
                new GenericDomainEventMessage<>("Product", "desk", 0, new PriceChanged(ProductId.of("desk"), Money.of(1, "EUR"))));

        assertThat(submitted).isEqualTo(product);
        assertThat(removed).isEqualTo(product);
        assertThat(otherProduct).isNotEqualTo(product);
    }
}
