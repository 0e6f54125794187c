package dev.bazaar.query.document.reviews;

import dev.bazaar.api.reviews.FindReviewsOfProduct;
import dev.bazaar.api.reviews.ReviewPage;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/** Reviews of a product, newest first; a product nobody reviewed (or nobody knows) has an empty page. */
@Component
class ReviewQueries {

    private final ReviewStore reviews;

    ReviewQueries(ReviewStore reviews) {
        this.reviews = reviews;
    }

    @QueryHandler
    ReviewPage handle(FindReviewsOfProduct query) {
        String productId = query.productId().value();
        return new ReviewPage(reviews.pageOf(productId, query.page()).stream().map(ReviewDocument::toView).toList(),
                reviews.countOf(productId));
    }
}
