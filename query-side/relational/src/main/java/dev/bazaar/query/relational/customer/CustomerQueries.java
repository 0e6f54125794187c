package dev.bazaar.query.relational.customer;

import dev.bazaar.api.common.PageRequest;
import dev.bazaar.api.customer.CustomerId;
import dev.bazaar.api.customer.CustomerList;
import dev.bazaar.api.customer.CustomerPage;
import dev.bazaar.api.customer.CustomerView;
import dev.bazaar.api.customer.FindCustomer;
import dev.bazaar.api.customer.FindCustomers;
import dev.bazaar.api.customer.FindCustomersByIds;
import dev.bazaar.query.relational.batch.Columns;
import dev.bazaar.query.relational.freshness.AppliedVersions;
import dev.bazaar.query.relational.generation.Generations;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Answers the customer queries from the live generation of the customer rows; an unknown id is an empty answer (null). */
@Component
public class CustomerQueries {

    private static final PageRequest FIRST_PAGE = PageRequest.first(20);
    private static final String COLUMNS = "customer_id, name, email, active, registered_at, version";

    private final JdbcTemplate jdbc;
    private final Generations generations;
    private final AppliedVersions versions;

    CustomerQueries(JdbcTemplate jdbc, Generations generations, AppliedVersions versions) {
        this.jdbc = jdbc;
        this.generations = generations;
        this.versions = versions;
    }

    /**
     * Completes with null for an unknown id: Axon unwraps an {@code Optional} a handler returns, but not one
     * inside a future, and a null answer reaches a caller asking {@code optionalInstanceOf} as empty.
     */
    @QueryHandler
    CompletableFuture<CustomerView> handle(FindCustomer query) {
        return customer(query.customerId(), query.minVersion()).thenApply(customer -> customer.orElse(null));
    }

    /** The customer once the read model has applied {@code minVersion} of them (null: at once); empty for an unknown id. */
    public CompletableFuture<Optional<CustomerView>> customer(CustomerId customerId, Long minVersion) {
        String id = customerId.value();
        return versions.read(CustomerProjection.PROCESSING_GROUP, id, minVersion, () -> find(id), CustomerView::version);
    }

    /**
     * By name; without a page, the first twenty. The page and the number of customers come from one
     * select, which is one snapshot; only a page past the end, which has no row to carry the count, counts again.
     */
    @QueryHandler
    CustomerPage handle(FindCustomers query) {
        PageRequest asked = query.page() == null ? FIRST_PAGE : query.page();
        return generations.read(CustomerProjection.PROCESSING_GROUP, schema -> {
            List<Counted> page = jdbc.query("SELECT " + COLUMNS + ", count(*) OVER () AS matching FROM " + schema
                            + ".customer ORDER BY name, customer_id LIMIT ? OFFSET ?",
                    (row, n) -> new Counted(view(row, n), row.getLong("matching")), asked.size(), asked.offset());
            long total = !page.isEmpty() ? page.get(0).matching()
                    : asked.offset() == 0 ? 0 : jdbc.queryForObject("SELECT count(*) FROM " + schema + ".customer", Long.class);
            return new CustomerPage(page.stream().map(Counted::customer).toList(), total);
        });
    }

    /** In the order asked for; unknown ids are left out. */
    @QueryHandler
    CustomerList handle(FindCustomersByIds query) {
        List<String> ids = query.customerIds().stream().map(CustomerId::value).distinct().toList();
        Map<CustomerId, CustomerView> found = generations.read(CustomerProjection.PROCESSING_GROUP, schema -> jdbc.query(
                        "SELECT " + COLUMNS + " FROM " + schema + ".customer WHERE customer_id = ANY(?)",
                        statement -> statement.setArray(1, Columns.textArray(statement, ids)), CustomerQueries::view))
                .stream().collect(Collectors.toMap(CustomerView::customerId, Function.identity()));
        return new CustomerList(query.customerIds().stream().distinct().map(found::get).filter(Objects::nonNull).toList());
    }

    private Optional<CustomerView> find(String id) {
        return generations.read(CustomerProjection.PROCESSING_GROUP, schema -> jdbc.query(
                "SELECT " + COLUMNS + " FROM " + schema + ".customer WHERE customer_id = ?", CustomerQueries::view, id)
                .stream().findFirst());
    }

    private static CustomerView view(ResultSet row, int rowNumber) throws SQLException {
        return new CustomerView(CustomerId.of(row.getString("customer_id")), row.getString("name"), row.getString("email"),
                row.getBoolean("active"), row.getTimestamp("registered_at").toInstant(), row.getLong("version"));
    }

    /** A customer of a page with the number of customers there are. */
    private record Counted(CustomerView customer, long matching) {
    }
}
