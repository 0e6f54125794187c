package dev.bazaar.api.customer;

import dev.bazaar.api.common.PageRequest;

/** Customers ordered by name, a page at a time. */
public record FindCustomers(PageRequest page) {
}
