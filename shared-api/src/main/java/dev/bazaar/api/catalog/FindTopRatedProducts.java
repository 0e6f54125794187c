package dev.bazaar.api.catalog;

/** The best-rated products, highest average first, among those with at least one review. */
public record FindTopRatedProducts(int limit) {

    public FindTopRatedProducts {
        if (limit < 1 || limit > 100) {
            throw new IllegalArgumentException("limit must be between 1 and 100");
        }
    }
}
