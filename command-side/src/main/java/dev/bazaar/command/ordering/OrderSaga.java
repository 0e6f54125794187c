package dev.bazaar.command.ordering;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.bazaar.api.catalog.ReleaseStock;
import dev.bazaar.api.catalog.ReserveStock;
import dev.bazaar.api.catalog.StockReservationRejected;
import dev.bazaar.api.catalog.StockReserved;
import dev.bazaar.api.ordering.ConfirmOrder;
import dev.bazaar.api.ordering.OrderCancelled;
import dev.bazaar.api.ordering.OrderId;
import dev.bazaar.api.ordering.OrderLine;
import dev.bazaar.api.ordering.OrderPlaced;
import dev.bazaar.api.ordering.OrderRejected;
import dev.bazaar.api.ordering.OrderShipped;
import dev.bazaar.api.ordering.PricedOrderLine;
import dev.bazaar.api.ordering.RejectOrder;
import dev.bazaar.command.rules.CommandFailure;
import dev.bazaar.command.rules.FailureKind;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.HandlerExecutionException;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a placed order into a confirmed or a rejected one by reserving its stock one line at a time.
 *
 * <p>One reservation is in flight at a time, so that the first rejection stops the order without
 * reserving the lines after it. What this saga has reserved it releases exactly once: when a line is
 * rejected, when the order is rejected, or when the order is cancelled (even while a reservation is
 * still on its way: that one is released when it arrives). A reservation that fails outright, such
 * as one for a product that does not exist, rejects the order with the failure as the reason.
 *
 * <p>Public with a public constructor only because Axon instantiates sagas without reflective access.
 */
@Saga
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public class OrderSaga {

    private static final Logger log = LoggerFactory.getLogger(OrderSaga.class);

    @Inject
    private transient CommandGateway commandGateway;

    private OrderId orderId;
    /** The lines still to reserve; the first is the one in flight. */
    private List<OrderLine> unreserved = new ArrayList<>();
    private List<PricedOrderLine> reserved = new ArrayList<>();
    private boolean cancelled;

    public OrderSaga() {
    }

    @StartSaga
    @SagaEventHandler(associationProperty = "orderId")
    void on(OrderPlaced event) {
        orderId = event.orderId();
        unreserved = new ArrayList<>(event.lines());
        reserveNext();
    }

    @SagaEventHandler(associationProperty = "orderId")
    void on(StockReserved event) {
        if (unreserved.isEmpty() || !unreserved.get(0).productId().equals(event.productId())) {
            return;
        }
        unreserved.remove(0);
        PricedOrderLine line = new PricedOrderLine(event.productId(), event.quantity(), event.unitPrice());
        if (cancelled) {
            release(List.of(line));
            SagaLifecycle.end();
        } else {
            reserved.add(line);
            if (unreserved.isEmpty()) {
                send(new ConfirmOrder(orderId, reserved));
            } else {
                reserveNext();
            }
        }
    }

    @SagaEventHandler(associationProperty = "orderId")
    void on(StockReservationRejected event) {
        if (unreserved.isEmpty() || !unreserved.get(0).productId().equals(event.productId())) {
            return;
        }
        unreserved.clear();
        releaseReserved();
        if (cancelled) {
            SagaLifecycle.end();
        } else {
            send(new RejectOrder(orderId, event.reason()));
        }
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "orderId")
    void on(OrderRejected event) {
        releaseReserved();
    }

    @SagaEventHandler(associationProperty = "orderId")
    void on(OrderCancelled event) {
        cancelled = true;
        releaseReserved();
        if (unreserved.isEmpty()) {
            SagaLifecycle.end();
        }
    }

    /** Shipped stock is gone for good and the order can no longer be cancelled: nothing is left to do. */
    @EndSaga
    @SagaEventHandler(associationProperty = "orderId")
    void on(OrderShipped event) {
    }

    private void reserveNext() {
        OrderLine line = unreserved.get(0);
        OrderId order = orderId;
        commandGateway.send(new ReserveStock(line.productId(), order, line.quantity())).exceptionally(failure -> {
            send(new RejectOrder(order, reasonFor(line, failure)));
            return null;
        });
    }

    private void releaseReserved() {
        release(reserved);
        reserved = new ArrayList<>();
    }

    private void release(List<PricedOrderLine> lines) {
        lines.forEach(line -> send(new ReleaseStock(line.productId(), orderId, line.quantity())));
    }

    private void send(Object command) {
        commandGateway.send(command).exceptionally(failure -> {
            log.warn("Order {}: {} failed: {}", orderId, command.getClass().getSimpleName(), messageOf(failure));
            return null;
        });
    }

    private static String reasonFor(OrderLine line, Throwable failure) {
        boolean unknown = HandlerExecutionException.<Object>resolveDetails(failure)
                .filter(details -> details instanceof CommandFailure failed && failed.kind() == FailureKind.NOT_FOUND)
                .isPresent();
        return unknown
                ? "product " + line.productId() + " does not exist"
                : "product " + line.productId() + " could not be reserved: " + messageOf(failure);
    }

    private static String messageOf(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getMessage() == null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }
}
