package dev.bazaar.api.catalog;

import dev.bazaar.api.common.Money;
import dev.bazaar.api.reviews.ReviewView;
import java.util.List;
import java.util.Map;

/** A product as the catalog read model sees it, with its rating and its latest reviews. */
public record ProductView(ProductId productId, String name, String description, Map<String, String> attributes,
                          Money price, int availableStock, boolean discontinued, RatingSummary rating,
                          List<ReviewView> latestReviews, long version) {

    public ProductView {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        latestReviews = List.copyOf(latestReviews);
    }
}
