package dev.bazaar.api.catalog;

import java.util.List;

public record ProductList(List<ProductView> items) {

    public ProductList {
        items = List.copyOf(items);
    }
}
