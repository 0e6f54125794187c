package dev.bazaar.query.relational.rebuild;

import dev.bazaar.api.catalog.ProductId;
import dev.bazaar.api.common.Money;
import dev.bazaar.api.customer.CustomerDeactivated;
import dev.bazaar.api.customer.CustomerId;
import dev.bazaar.api.customer.CustomerProfileUpdated;
import dev.bazaar.api.customer.CustomerRegistered;
import dev.bazaar.api.customer.Email;
import dev.bazaar.api.ordering.OrderCancelled;
import dev.bazaar.api.ordering.OrderConfirmed;
import dev.bazaar.api.ordering.OrderDelivered;
import dev.bazaar.api.ordering.OrderId;
import dev.bazaar.api.ordering.OrderLine;
import dev.bazaar.api.ordering.OrderPlaced;
import dev.bazaar.api.ordering.OrderRejected;
import dev.bazaar.api.ordering.OrderShipped;
import dev.bazaar.api.ordering.PricedOrderLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * A shop's history of every customer and order event type: customers registered, some renamed, some
 * deactivated; orders placed, then confirmed and shipped and delivered, or rejected, or cancelled before
 * or after confirmation. Appended round by round (every aggregate's first event, then every second
 * one...), so the aggregates' events interleave in the store as they would in a running shop.
 */
final class History {

    private final List<List<DomainEventMessage<?>>> aggregates = new ArrayList<>();
    private int events;

    /** About {@code customers * 2.4 + orders * 3} events, the same for the same seed. */
    static History of(int customers, int orders, long seed) {
        History history = new History();
        Random random = new Random(seed);
        List<CustomerId> customerIds = new ArrayList<>();
        for (int i = 0; i < customers; i++) {
            CustomerId id = CustomerId.of("c-" + seed + "-" + i);
            customerIds.add(id);
            List<Object> events = new ArrayList<>(List.of(new CustomerRegistered(id, "Customer " + i, Email.of("c" + i + "@example.com"))));
            if (random.nextInt(10) < 8) {
                events.add(new CustomerProfileUpdated(id, "Customer " + i + " Renamed", Email.of("c" + i + ".new@example.com")));
            }
            if (random.nextInt(10) < 3) {
                events.add(new CustomerDeactivated(id));
            }
            history.add("Customer", id.value(), events);
        }
        for (int i = 0; i < orders; i++) {
            OrderId id = OrderId.of("o-" + seed + "-" + i);
            CustomerId customer = customerIds.get(random.nextInt(customerIds.size()));
            int lineCount = 1 + random.nextInt(3);
            List<OrderLine> lines = new ArrayList<>();
            List<PricedOrderLine> priced = new ArrayList<>();
            long total = 0;
            for (int line = 0; line < lineCount; line++) {
                ProductId product = ProductId.of("p-" + random.nextInt(500));
                int quantity = 1 + random.nextInt(4);
                long unitPrice = 100 + random.nextInt(10_000);
                lines.add(new OrderLine(product, quantity));
                priced.add(new PricedOrderLine(product, quantity, Money.of(unitPrice, "EUR")));
                total += unitPrice * quantity;
            }
            List<Object> events = new ArrayList<>(List.of(new OrderPlaced(id, customer, lines)));
            OrderConfirmed confirmed = new OrderConfirmed(id, priced, Money.of(total, "EUR"));
            switch (random.nextInt(6)) {
                case 0 -> events.add(new OrderRejected(id, "out of stock: " + lines.get(0).productId().value()));
                case 1 -> events.add(new OrderCancelled(id, "changed my mind"));
                case 2 -> events.addAll(List.of(confirmed, new OrderCancelled(id, "found it cheaper")));
                case 3 -> events.add(confirmed);
                case 4 -> events.addAll(List.of(confirmed, new OrderShipped(id)));
                default -> events.addAll(List.of(confirmed, new OrderShipped(id), new OrderDelivered(id)));
            }
            history.add("Order", id.value(), events);
        }
        return history;
    }

    private void add(String type, String id, List<Object> payloads) {
        List<DomainEventMessage<?>> messages = new ArrayList<>();
        for (int sequence = 0; sequence < payloads.size(); sequence++) {
            messages.add(new GenericDomainEventMessage<>(type, id, sequence, payloads.get(sequence)));
        }
        aggregates.add(messages);
        events += messages.size();
    }

    int size() {
        return events;
    }

    /** Appends the whole history, a few hundred events per append. */
    void appendTo(EventStore eventStore) {
        List<EventMessage<?>> pending = new ArrayList<>();
        for (int round = 0; ; round++) {
            boolean any = false;
            for (List<DomainEventMessage<?>> aggregate : aggregates) {
                if (round < aggregate.size()) {
                    pending.add(aggregate.get(round));
                    any = true;
                }
                if (pending.size() == 500) {
                    eventStore.publish(pending);
                    pending = new ArrayList<>();
                }
            }
            if (!any) {
                break;
            }
        }
        if (!pending.isEmpty()) {
            eventStore.publish(pending);
        }
    }
}
