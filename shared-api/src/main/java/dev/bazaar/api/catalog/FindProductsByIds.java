package dev.bazaar.api.catalog;

import java.util.List;

/** Several products in one query, for batched resolution; unknown ids are simply absent from the answer. */
public record FindProductsByIds(List<ProductId> productIds) {

    public FindProductsByIds {
        productIds = List.copyOf(productIds);
    }
}
