package dev.bazaar.api.catalog;

import dev.bazaar.api.common.PageRequest;
import java.util.Map;
import java.util.Objects;

/**
 * Products matching every given criterion: {@code text} in the name or description, each attribute
 * equal to the given value, the price within the range (minor units, bounds included). Null criteria
 * match everything.
 */
public record SearchProducts(String text, Map<String, String> attributes, Long minPriceMinor, Long maxPriceMinor,
                             ProductSort sort, PageRequest page) {

    public SearchProducts {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        sort = sort == null ? ProductSort.NAME : sort;
        Objects.requireNonNull(page, "page is required");
        if (minPriceMinor != null && maxPriceMinor != null && minPriceMinor > maxPriceMinor) {
            throw new IllegalArgumentException("minPrice must not be above maxPrice");
        }
    }
}
