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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.HandlerExecutionException;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
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
 * <p>Each command is sent during the event's handling and its answer awaited before the handling
 * commits (with the token of the batch of events it belongs to), and a failure other than the
 * handler's refusal fails the handling, so the processor delivers the event again (its error handler
 * propagates, see {@link SagaErrorHandling}): a crash between an event and its command loses neither.
 *
 * <p>Registered with the manager that places its events in its segment only, in {@link SagaSegments}.
 * Public with a public constructor only because Axon instantiates sagas without reflective access.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public class OrderSaga {

    private static final Logger log = LoggerFactory.getLogger(OrderSaga.class);
    /** Bounds the wait for each command, below the processor's claim timeout so that a stuck send cannot outlive it. */
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(8);

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
        sendBeforeCommit(new ReserveStock(line.productId(), orderId, line.quantity()),
                refusal -> sendNow(new RejectOrder(orderId, reasonFor(line, refusal))));
    }

    private void releaseReserved() {
        release(reserved);
        reserved = new ArrayList<>();
    }

    private void release(List<PricedOrderLine> lines) {
        lines.forEach(line -> send(new ReleaseStock(line.productId(), orderId, line.quantity())));
    }

    /** Sends a command whose refusal changes nothing for this saga: a refusal is logged, anything else retried. */
    private void send(Object command) {
        sendBeforeCommit(command, refusal -> logRefusal(command, refusal));
    }

    /**
     * Sends a command now and settles its answer just before the unit of work commits: the batch of
     * events being handled, with its token and the sagas it changed. The commands of a whole batch (many
     * orders) are so in flight together, where awaiting each in turn left the segment's thread waiting
     * through one round trip per command. The event that caused a command still counts as handled only
     * once the command is: a failure other than the handler's refusal rolls the batch back (see
     * {@link #settle}), and its events are delivered again. The saga's own state never depends on a
     * command's answer (the next step waits for the event the command causes), so deciding later changes
     * nothing but the refusal, which is handled then by {@code onRefusal}.
     */
    private void sendBeforeCommit(Object command, Consumer<Throwable> onRefusal) {
        CompletableFuture<Object> answer = commandGateway.send(command).orTimeout(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        CurrentUnitOfWork.get().onPrepareCommit(unitOfWork -> settle(command, answer, onRefusal));
    }

    /** Sends a command and settles its answer at once: only for what a refusal found, rarely. */
    private void sendNow(Object command) {
        settle(command, commandGateway.send(command).orTimeout(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS),
                refusal -> logRefusal(command, refusal));
    }

    /**
     * Waits for a command's answer. A command lost with a crashed instance, or failing because Axon
     * Server or its handler is out of reach, fails the handling: the events are delivered again and the
     * command sent again, which is safe because every command this saga sends is answered the same way
     * twice (a reservation or release per order is taken once; a second confirmation or rejection is
     * refused). A refusal by the handler itself ({@link CommandFailure} details) is final and goes to
     * {@code onRefusal}.
     */
    private void settle(Object command, CompletableFuture<Object> answer, Consumer<Throwable> onRefusal) {
        try {
            answer.join();
        } catch (CompletionException | CancellationException e) {
            Throwable failure = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            if (failure instanceof TimeoutException) {
                throw new IllegalStateException("Order " + orderId + ": no answer to " + command.getClass().getSimpleName()
                        + " within " + COMMAND_TIMEOUT + "; it will be sent again", failure);
            }
            boolean refused = HandlerExecutionException.<Object>resolveDetails(failure)
                    .filter(CommandFailure.class::isInstance).isPresent();
            if (!refused) {
                throw new IllegalStateException("Order " + orderId + ": " + command.getClass().getSimpleName()
                        + " failed and will be sent again: " + messageOf(failure), failure);
            }
            onRefusal.accept(failure);
        }
    }

    private void logRefusal(Object command, Throwable refusal) {
        log.warn("Order {}: {} refused: {}", orderId, command.getClass().getSimpleName(), messageOf(refusal));
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
