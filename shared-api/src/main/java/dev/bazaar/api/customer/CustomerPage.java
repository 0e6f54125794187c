package dev.bazaar.api.customer;

import java.util.List;

public record CustomerPage(List<CustomerView> items, long total) {

    public CustomerPage {
        items = List.copyOf(items);
    }
}
