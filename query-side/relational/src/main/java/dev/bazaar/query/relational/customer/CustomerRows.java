package dev.bazaar.query.relational.customer;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The rows one batch touches, as read before it, and which of them it changed. */
class CustomerRows {

    private static final Logger log = LoggerFactory.getLogger(CustomerRows.class);

    private final Map<String, CustomerRow> rows;
    private final Map<String, CustomerRow> changed = new LinkedHashMap<>();

    CustomerRows(Map<String, CustomerRow> existing) {
        this.rows = existing;
    }

    void register(String id, String name, String email, Instant at, long version) {
        if (rows.containsKey(id)) {
            return;
        }
        CustomerRow customer = new CustomerRow(id, name, email, true, at, version);
        rows.put(id, customer);
        changed.put(id, customer);
    }

    /** Applies {@code change} when this event is news to the customer's row. */
    void change(String id, long version, Consumer<CustomerRow> change) {
        CustomerRow customer = rows.get(id);
        if (customer == null) {
            log.warn("Event {} of customer {} arrived before the customer was registered; skipped", version, id);
            return;
        }
        if (version <= customer.version) {
            return;
        }
        change.accept(customer);
        customer.version = version;
        changed.put(id, customer);
    }

    Collection<CustomerRow> changed() {
        return changed.values();
    }
}
