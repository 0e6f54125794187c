package dev.bazaar.api.reviews;

import java.util.List;

public record ReviewPage(List<ReviewView> items, long total) {

    public ReviewPage {
        items = List.copyOf(items);
    }
}
