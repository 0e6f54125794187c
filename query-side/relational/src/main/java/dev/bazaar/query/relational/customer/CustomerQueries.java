package dev.bazaar.query.relational.customer;

import dev.bazaar.api.common.PageRequest;
import dev.bazaar.api.customer.CustomerId;
import dev.bazaar.api.customer.CustomerList;
import dev.bazaar.api.customer.CustomerPage;
import dev.bazaar.api.customer.CustomerView;
import dev.bazaar.api.customer.FindCustomer;
import dev.bazaar.api.customer.FindCustomers;
import dev.bazaar.api.customer.FindCustomersByIds;
import dev.bazaar.query.relational.freshness.AppliedVersions;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Component;

/** Answers the customer queries from the customer rows; an unknown id is an empty answer (null). */
@Component
class CustomerQueries {

    private static final Sort BY_NAME = Sort.by("name", "customerId");
    private static final PageRequest FIRST_PAGE = PageRequest.first(20);

    private final CustomerRows customers;
    private final AppliedVersions versions;

    CustomerQueries(CustomerRows customers, AppliedVersions versions) {
        this.customers = customers;
        this.versions = versions;
    }

    /**
     * Completes with null for an unknown id: Axon unwraps an {@code Optional} a handler returns, but not one
     * inside a future, and a null answer reaches a caller asking {@code optionalInstanceOf} as empty.
     */
    @QueryHandler
    CompletableFuture<CustomerView> handle(FindCustomer query) {
        String id = query.customerId().value();
        return versions.read(CustomerProjection.PROCESSING_GROUP, id, query.minVersion(),
                () -> customers.findById(id).map(CustomerRow::toView), CustomerView::version)
                .thenApply(customer -> customer.orElse(null));
    }

    /** By name; without a page, the first twenty. */
    @QueryHandler
    CustomerPage handle(FindCustomers query) {
        PageRequest asked = query.page() == null ? FIRST_PAGE : query.page();
        Page<CustomerRow> page = customers.findAll(org.springframework.data.domain.PageRequest.of(asked.page(), asked.size(), BY_NAME));
        return new CustomerPage(page.map(CustomerRow::toView).getContent(), page.getTotalElements());
    }

    /** In the order asked for; unknown ids are left out. */
    @QueryHandler
    CustomerList handle(FindCustomersByIds query) {
        List<String> ids = query.customerIds().stream().map(CustomerId::value).distinct().toList();
        Map<CustomerId, CustomerView> found = customers.findAllById(ids).stream().map(CustomerRow::toView)
                .collect(Collectors.toMap(CustomerView::customerId, Function.identity()));
        return new CustomerList(query.customerIds().stream().distinct().map(found::get).filter(Objects::nonNull).toList());
    }
}
