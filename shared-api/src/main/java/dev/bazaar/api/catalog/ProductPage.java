package dev.bazaar.api.catalog;

import java.util.List;

public record ProductPage(List<ProductView> items, long total) {

    public ProductPage {
        items = List.copyOf(items);
    }
}
