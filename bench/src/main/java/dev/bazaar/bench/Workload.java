package dev.bazaar.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;

/** The events both stores are given: small order-like events, every commit a fresh aggregate. */
final class Workload {

    record ItemAdded(String orderId, String sku, int quantity, long priceMinor, String currency) {
    }

    private Workload() {
    }

    static List<DomainEventMessage<?>> commit(String aggregateId, int events) {
        List<DomainEventMessage<?>> commit = new ArrayList<>(events);
        for (int sequence = 0; sequence < events; sequence++) {
            commit.add(new GenericDomainEventMessage<>("Order", aggregateId, sequence,
                    new ItemAdded(aggregateId, "SKU-" + sequence, 1 + sequence % 3, 1_999L + sequence, "EUR"),
                    Map.of("traceId", aggregateId)));
        }
        return commit;
    }
}
