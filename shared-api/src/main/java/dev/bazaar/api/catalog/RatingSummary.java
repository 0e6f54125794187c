package dev.bazaar.api.catalog;

import java.util.List;

/** How a product is rated: how many reviews, their average, and how many of each rating 1 to 5 ({@code histogram.get(0)} counts the 1s). */
public record RatingSummary(long count, double average, List<Long> histogram) {

    public RatingSummary {
        histogram = List.copyOf(histogram);
        if (histogram.size() != 5) {
            throw new IllegalArgumentException("histogram has one count per rating 1 to 5");
        }
    }

    public static RatingSummary none() {
        return new RatingSummary(0, 0.0, List.of(0L, 0L, 0L, 0L, 0L));
    }
}
