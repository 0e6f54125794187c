package dev.bazaar.api.reviews;

import dev.bazaar.api.catalog.ProductId;
import dev.bazaar.api.common.PageRequest;
import java.util.Objects;

/** A product's reviews, newest first. */
public record FindReviewsOfProduct(ProductId productId, PageRequest page) {

    public FindReviewsOfProduct {
        Objects.requireNonNull(productId, "productId is required");
        Objects.requireNonNull(page, "page is required");
    }
}
