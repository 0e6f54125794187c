package dev.bazaar.api.ordering;

import java.util.List;

public record OrderPage(List<OrderView> items, long total) {

    public OrderPage {
        items = List.copyOf(items);
    }
}
