package dev.bazaar.query.relational.ordering;

import dev.bazaar.api.ordering.FindOrder;
import dev.bazaar.api.ordering.FindOrdersOfCustomer;
import dev.bazaar.api.ordering.OrderPage;
import dev.bazaar.api.ordering.OrderView;
import dev.bazaar.query.relational.freshness.AppliedVersions;
import java.util.concurrent.CompletableFuture;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Answers the order queries from the order rows; an unknown id is an empty answer (null). An order is
 * read with its lines and history in one read-only transaction, so the view is one committed state.
 */
@Component
class OrderQueries {

    private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc("placedAt"), Sort.Order.desc("orderId"));

    private final OrderRows orders;
    private final AppliedVersions versions;
    private final TransactionTemplate readOnly;

    OrderQueries(OrderRows orders, AppliedVersions versions, PlatformTransactionManager transactions) {
        this.orders = orders;
        this.versions = versions;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /**
     * Also the subscription query behind an order's status changes: {@link OrderProjection} emits its updates.
     * Completes with null for an unknown id, for the reason given on {@code CustomerQueries}.
     */
    @QueryHandler
    CompletableFuture<OrderView> handle(FindOrder query) {
        String id = query.orderId().value();
        return versions.read(OrderProjection.PROCESSING_GROUP, id, query.minVersion(),
                () -> readOnly.execute(status -> orders.findById(id).map(OrderRow::toView)), OrderView::version)
                .thenApply(order -> order.orElse(null));
    }

    @QueryHandler
    OrderPage handle(FindOrdersOfCustomer query) {
        PageRequest page = PageRequest.of(query.page().page(), query.page().size(), NEWEST_FIRST);
        String customerId = query.customerId().value();
        return readOnly.execute(status -> {
            Page<OrderRow> found = query.status() == null
                    ? orders.findByCustomerId(customerId, page)
                    : orders.findByCustomerIdAndStatus(customerId, query.status(), page);
            return new OrderPage(found.map(OrderRow::toView).getContent(), found.getTotalElements());
        });
    }
}
