package dev.bazaar.api.customer;

import java.util.List;

public record CustomerList(List<CustomerView> items) {

    public CustomerList {
        items = List.copyOf(items);
    }
}
