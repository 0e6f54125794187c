package dev.bazaar.query.relational.ordering;

import dev.bazaar.api.ordering.CustomerWithOrders;
import dev.bazaar.api.ordering.FindCustomerWithOrders;
import dev.bazaar.api.ordering.FindOrder;
import dev.bazaar.api.ordering.FindOrdersOfCustomer;
import dev.bazaar.api.ordering.OrderPage;
import dev.bazaar.api.ordering.OrderView;
import dev.bazaar.query.relational.customer.CustomerQueries;
import dev.bazaar.query.relational.freshness.AppliedVersions;
import dev.bazaar.query.relational.generation.Generations;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Answers the order queries from the live generation of the order rows; an unknown id is an empty answer
 * (null). An order is read with its lines and history in one select ({@link OrderReader}), so the view is
 * one committed state.
 */
@Component
class OrderQueries {

    private final JdbcTemplate jdbc;
    private final Generations generations;
    private final OrderReader reader;
    private final AppliedVersions versions;
    private final CustomerQueries customers;

    OrderQueries(JdbcTemplate jdbc, Generations generations, OrderReader reader, AppliedVersions versions, CustomerQueries customers) {
        this.jdbc = jdbc;
        this.generations = generations;
        this.reader = reader;
        this.versions = versions;
        this.customers = customers;
    }

    /**
     * Also the subscription query behind an order's status changes: {@link OrderProjection} emits its updates.
     * Completes with null for an unknown id, for the reason given on {@code CustomerQueries}.
     */
    @QueryHandler
    CompletableFuture<OrderView> handle(FindOrder query) {
        String id = query.orderId().value();
        return versions.read(OrderProjection.PROCESSING_GROUP, id, query.minVersion(),
                () -> generations.read(OrderProjection.PROCESSING_GROUP, schema -> reader.byIds(schema, List.of(id)).stream().findFirst()),
                OrderView::version)
                .thenApply(order -> order.orElse(null));
    }

    /**
     * Newest first (placed at, then id); {@code status} null means all. The page's orders, whole, and the
     * number of matching orders come from one select ({@code count(*) OVER ()}, counted before the limit;
     * lines and history are aggregated for the page's rows only); only a page past the end, which has no
     * row to carry the count, counts again.
     */
    @QueryHandler
    OrderPage handle(FindOrdersOfCustomer query) {
        String customerId = query.customerId().value();
        String status = query.status() == null ? null : query.status().name();
        int size = query.page().size();
        long offset = query.page().offset();
        return generations.read(OrderProjection.PROCESSING_GROUP, schema -> {
            String orders = " FROM " + schema + ".customer_order WHERE customer_id = ?"
                    + (status == null ? "" : " AND status = ?");
            Object[] filter = status == null ? new Object[] {customerId} : new Object[] {customerId, status};
            List<Counted> page = jdbc.query("SELECT " + OrderReader.wholeOrder(schema) + ", o.matching"
                            + " FROM (SELECT *, count(*) OVER () AS matching" + orders
                            + " ORDER BY placed_at DESC, order_id DESC LIMIT " + size + " OFFSET " + offset + ") o"
                            + " ORDER BY o.placed_at DESC, o.order_id DESC",
                    (row, n) -> new Counted(OrderReader.view(row), row.getLong("matching")), filter);
            long total = !page.isEmpty() ? page.get(0).matching()
                    : offset == 0 ? 0 : jdbc.queryForObject("SELECT count(*)" + orders, Long.class, filter);
            return new OrderPage(page.stream().map(Counted::order).toList(), total);
        });
    }

    /**
     * The customer, then their page of orders: two selects, one per read model, in one Axon query, so that a
     * client wanting both (GraphQL's customer with their orders) pays one round trip through Axon Server
     * instead of two. The orders are read after the customer, once it has reached {@code minVersion}.
     * Completes with null for an unknown customer, as {@code FindCustomer} does.
     */
    @QueryHandler
    CompletableFuture<CustomerWithOrders> handle(FindCustomerWithOrders query) {
        return customers.customer(query.customerId(), query.minVersion()).thenApply(customer -> customer
                .map(found -> new CustomerWithOrders(found, handle(new FindOrdersOfCustomer(query.customerId(), query.status(), query.ordersPage()))))
                .orElse(null));
    }

    /** An order of a page with the number of orders the whole query matched. */
    private record Counted(OrderView order, long matching) {
    }
}
