package dev.bazaar.query.relational.customer;

import dev.bazaar.api.customer.CustomerDeactivated;
import dev.bazaar.api.customer.CustomerProfileUpdated;
import dev.bazaar.api.customer.CustomerRegistered;
import dev.bazaar.query.relational.batch.BatchOfUnitOfWork;
import dev.bazaar.query.relational.batch.Columns;
import dev.bazaar.query.relational.freshness.AppliedVersions;
import dev.bazaar.query.relational.generation.Generations;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.SourceId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Customers as rows. The handlers only note each event in the batch of the current unit of work; just
 * before the batch commits, the rows it touches are read in one select, the events applied to them in
 * order, and the changed rows written in one statement into the generation events go to (see
 * {@link Generations}). Each row remembers the last event of its customer it applied, so an event
 * delivered again or out of date is skipped.
 */
@Component
@ProcessingGroup(CustomerProjection.PROCESSING_GROUP)
class CustomerProjection {

    static final String PROCESSING_GROUP = "customers";

    private final JdbcTemplate jdbc;
    private final Generations generations;
    private final AppliedVersions versions;

    CustomerProjection(JdbcTemplate jdbc, Generations generations, AppliedVersions versions) {
        this.jdbc = jdbc;
        this.generations = generations;
        this.versions = versions;
    }

    @EventHandler
    void on(CustomerRegistered event, @SequenceNumber long version, @Timestamp Instant at) {
        batch().add(event.customerId().value(),
                rows -> rows.register(event.customerId().value(), event.name(), event.email().value(), at, version));
    }

    @EventHandler
    void on(CustomerProfileUpdated event, @SequenceNumber long version) {
        batch().add(event.customerId().value(),
                rows -> rows.change(event.customerId().value(), version, row -> row.profileUpdated(event.name(), event.email().value())));
    }

    /** The event carries only the customer's id, which is its aggregate's id: its payload is not decoded. */
    @EventHandler(payloadType = CustomerDeactivated.class)
    void deactivated(@SourceId String customerId, @SequenceNumber long version) {
        batch().add(customerId, rows -> rows.change(customerId, version, CustomerRow::deactivated));
    }

    private CustomerBatch batch() {
        return BatchOfUnitOfWork.current(PROCESSING_GROUP, CustomerBatch::new, this::write);
    }

    private void write(CustomerBatch batch) {
        Columns.prepareBatchTransaction(jdbc);
        Generations.Pointer pointer = generations.pointer(PROCESSING_GROUP);
        String table = pointer.targetSchema() + ".customer";
        CustomerRows rows = new CustomerRows(load(table, batch.customerIds()));
        batch.applyTo(rows);
        Collection<CustomerRow> changed = rows.changed();
        Columns columns = new Columns(6);
        changed.forEach(row -> columns.add(row.customerId, row.name, row.email, row.active, row.registeredAt, row.version));
        columns.write(jdbc, "INSERT INTO " + table + " (customer_id, name, email, active, registered_at, version)"
                + " SELECT id, name, email, active::boolean, registered_at::timestamptz, version::bigint"
                + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])"
                + " AS row(id, name, email, active, registered_at, version)"
                + " ON CONFLICT (customer_id) DO UPDATE SET name = excluded.name, email = excluded.email,"
                + " active = excluded.active, version = excluded.version");
        if (!pointer.rebuilding()) {
            changed.forEach(row -> versions.applied(PROCESSING_GROUP, row.customerId, row.version));
        }
    }

    private Map<String, CustomerRow> load(String table, Collection<String> ids) {
        Map<String, CustomerRow> rows = new HashMap<>();
        jdbc.query("SELECT customer_id, name, email, active, registered_at, version FROM " + table + " WHERE customer_id = ANY(?)",
                statement -> statement.setArray(1, Columns.textArray(statement, ids.stream().toList())),
                (java.sql.ResultSet row) -> {
                    CustomerRow customer = new CustomerRow(row.getString("customer_id"), row.getString("name"),
                            row.getString("email"), row.getBoolean("active"),
                            row.getTimestamp("registered_at").toInstant(), row.getLong("version"));
                    rows.put(customer.customerId, customer);
                });
        return rows;
    }
}
