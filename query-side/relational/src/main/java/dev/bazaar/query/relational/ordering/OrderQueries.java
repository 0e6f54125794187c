package dev.bazaar.query.relational.ordering;

import dev.bazaar.api.ordering.FindOrder;
import dev.bazaar.api.ordering.FindOrdersOfCustomer;
import dev.bazaar.api.ordering.OrderPage;
import dev.bazaar.api.ordering.OrderView;
import dev.bazaar.query.relational.freshness.AppliedVersions;
import dev.bazaar.query.relational.generation.Generations;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Answers the order queries from the live generation of the order rows; an unknown id is an empty answer
 * (null). An order is read with its lines and history in one transaction, so the view is one committed state.
 */
@Component
class OrderQueries {

    private final JdbcTemplate jdbc;
    private final Generations generations;
    private final OrderReader reader;
    private final AppliedVersions versions;

    OrderQueries(JdbcTemplate jdbc, Generations generations, OrderReader reader, AppliedVersions versions) {
        this.jdbc = jdbc;
        this.generations = generations;
        this.reader = reader;
        this.versions = versions;
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
     * Newest first (placed at, then id); {@code status} null means all. The page's own rows and the
     * number of matching orders come from one select ({@code count(*) OVER ()}, counted before the
     * limit); only a page past the end, which has no row to carry the count, counts again.
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
            List<Counted> page = jdbc.query("SELECT " + OrderReader.HEAD_COLUMNS + ", count(*) OVER () AS matching" + orders
                            + " ORDER BY placed_at DESC, order_id DESC LIMIT " + size + " OFFSET " + offset,
                    (row, n) -> new Counted(OrderReader.head(row), row.getLong("matching")), filter);
            long total = !page.isEmpty() ? page.get(0).matching()
                    : offset == 0 ? 0 : jdbc.queryForObject("SELECT count(*)" + orders, Long.class, filter);
            return new OrderPage(reader.withLinesAndHistory(schema, page.stream().map(Counted::head).toList()), total);
        });
    }

    /** A row of a page with the number of rows the whole query matched. */
    private record Counted(OrderReader.Head head, long matching) {
    }
}
