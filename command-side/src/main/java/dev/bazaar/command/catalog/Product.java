package dev.bazaar.command.catalog;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.bazaar.api.catalog.AddProduct;
import dev.bazaar.api.catalog.ChangePrice;
import dev.bazaar.api.catalog.ChangeProductDetails;
import dev.bazaar.api.catalog.DiscontinueProduct;
import dev.bazaar.api.catalog.PriceChanged;
import dev.bazaar.api.catalog.ProductAdded;
import dev.bazaar.api.catalog.ProductDetailsChanged;
import dev.bazaar.api.catalog.ProductDiscontinued;
import dev.bazaar.api.catalog.ProductId;
import dev.bazaar.api.catalog.ProductRestocked;
import dev.bazaar.api.catalog.ReleaseStock;
import dev.bazaar.api.catalog.ReserveStock;
import dev.bazaar.api.catalog.RestockProduct;
import dev.bazaar.api.catalog.StockReleased;
import dev.bazaar.api.catalog.StockReservationRejected;
import dev.bazaar.api.catalog.StockReserved;
import dev.bazaar.api.common.Money;
import dev.bazaar.command.rules.RuleViolation;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A product for sale: its price and the stock available to reserve. Stock never goes below zero:
 * a reservation that would take it there is rejected with a reason, as an event, so that the order
 * saga learns of it the same way it learns of a success. Snapshotted every
 * {@code bazaar.snapshots.product-threshold} events, because every order line adds stock events.
 *
 * <p>Each order asks a product at most once: the product remembers every order's reservation, so
 * that a reservation sent again (a saga event delivered twice, a saga retried after a crash) answers
 * as the first one did without taking stock again, and a release takes back only what the order
 * still holds. The snapshot revision says which snapshots carry that memory: older ones are skipped
 * and the product is rebuilt from its events.
 */
@Aggregate(snapshotTriggerDefinition = "productSnapshotTrigger", cache = "aggregateCache")
@Revision("2")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
class Product {

    static final int MAX_NAME_LENGTH = 200;
    static final int MAX_DESCRIPTION_LENGTH = 4000;
    static final int MAX_ATTRIBUTES = 50;

    @AggregateIdentifier
    private ProductId productId;
    private Money price;
    private int availableStock;
    private boolean discontinued;
    /** By order id: what each order asked of this product, and what it was answered. */
    private Map<String, OrderReservation> reservations = new HashMap<>();

    Product() {
    }

    @CommandHandler
    Product(AddProduct command) {
        requireDetails(command.name(), command.description(), command.attributes());
        requirePositive(command.price());
        if (command.initialStock() < 0) {
            throw new RuleViolation("initial stock must not be negative");
        }
        apply(new ProductAdded(command.productId(), command.name().strip(), command.description(), command.price(),
                command.initialStock(), command.attributes()));
    }

    @CommandHandler
    long handle(ChangeProductDetails command) {
        requireOnSale();
        requireDetails(command.name(), command.description(), command.attributes());
        apply(new ProductDetailsChanged(productId, command.name().strip(), command.description(), command.attributes()));
        return getVersion();
    }

    @CommandHandler
    long handle(ChangePrice command) {
        requireOnSale();
        requirePositive(command.price());
        apply(new PriceChanged(productId, command.price()));
        return getVersion();
    }

    @CommandHandler
    long handle(RestockProduct command) {
        requireOnSale();
        requireQuantity(command.quantity());
        if (command.quantity() > Integer.MAX_VALUE - availableStock) {
            throw new RuleViolation("stock of product " + productId + " cannot exceed " + Integer.MAX_VALUE);
        }
        apply(new ProductRestocked(productId, command.quantity(), availableStock + command.quantity()));
        return getVersion();
    }

    @CommandHandler
    long handle(ReserveStock command) {
        requireQuantity(command.quantity());
        OrderReservation earlier = reservations.get(command.orderId().toString());
        if (earlier != null) {
            requireSameQuantity(earlier, command.orderId().toString(), command.quantity());
            return earlier.answeredVersion();
        }
        if (discontinued) {
            reject(command, "product " + productId + " is discontinued");
        } else if (command.quantity() > availableStock) {
            reject(command, "product " + productId + " has " + availableStock + " in stock, " + command.quantity() + " requested");
        } else {
            apply(new StockReserved(productId, command.orderId(), command.quantity(), price, availableStock - command.quantity()));
        }
        return getVersion();
    }

    @CommandHandler
    long handle(ReleaseStock command) {
        requireQuantity(command.quantity());
        OrderReservation reservation = reservations.get(command.orderId().toString());
        if (reservation == null || !reservation.held()) {
            return getVersion();
        }
        requireSameQuantity(reservation, command.orderId().toString(), command.quantity());
        if (command.quantity() > Integer.MAX_VALUE - availableStock) {
            throw new RuleViolation("stock of product " + productId + " cannot exceed " + Integer.MAX_VALUE);
        }
        apply(new StockReleased(productId, command.orderId(), command.quantity(), availableStock + command.quantity()));
        return getVersion();
    }

    @CommandHandler
    long handle(DiscontinueProduct command) {
        requireOnSale();
        apply(new ProductDiscontinued(productId));
        return getVersion();
    }

    private void reject(ReserveStock command, String reason) {
        apply(new StockReservationRejected(productId, command.orderId(), command.quantity(), availableStock, reason));
    }

    private void requireSameQuantity(OrderReservation reservation, String orderId, int quantity) {
        if (reservation.quantity() != quantity) {
            throw new RuleViolation("order " + orderId + " asked product " + productId + " for " + reservation.quantity()
                    + ", not " + quantity);
        }
    }

    private void requireOnSale() {
        if (discontinued) {
            throw new RuleViolation("product " + productId + " is discontinued");
        }
    }

    private static void requirePositive(Money price) {
        if (price == null || !price.greaterThanZero()) {
            throw new RuleViolation("a price must be greater than zero");
        }
    }

    private static void requireQuantity(int quantity) {
        if (quantity < 1) {
            throw new RuleViolation("a quantity must be at least 1");
        }
    }

    private static void requireDetails(String name, String description, Map<String, String> attributes) {
        if (name == null || name.isBlank() || name.strip().length() > MAX_NAME_LENGTH) {
            throw new RuleViolation("a product's name must be 1 to " + MAX_NAME_LENGTH + " characters");
        }
        if (description != null && description.length() > MAX_DESCRIPTION_LENGTH) {
            throw new RuleViolation("a product's description must be at most " + MAX_DESCRIPTION_LENGTH + " characters");
        }
        if (attributes.size() > MAX_ATTRIBUTES) {
            throw new RuleViolation("a product has at most " + MAX_ATTRIBUTES + " attributes");
        }
    }

    @EventSourcingHandler
    void on(ProductAdded event) {
        productId = event.productId();
        price = event.price();
        availableStock = event.availableStock();
    }

    @EventSourcingHandler
    void on(PriceChanged event) {
        price = event.price();
    }

    @EventSourcingHandler
    void on(ProductRestocked event) {
        availableStock = event.availableStock();
    }

    @EventSourcingHandler
    void on(StockReserved event, @SequenceNumber long sequenceNumber) {
        availableStock = event.availableStock();
        reservations.put(event.orderId().toString(), new OrderReservation(event.quantity(), sequenceNumber, true));
    }

    @EventSourcingHandler
    void on(StockReservationRejected event, @SequenceNumber long sequenceNumber) {
        reservations.put(event.orderId().toString(), new OrderReservation(event.quantity(), sequenceNumber, false));
    }

    @EventSourcingHandler
    void on(StockReleased event) {
        availableStock = event.availableStock();
        reservations.computeIfPresent(event.orderId().toString(), (order, reservation) -> reservation.released());
    }

    @EventSourcingHandler
    void on(ProductDiscontinued event) {
        discontinued = true;
    }
}
