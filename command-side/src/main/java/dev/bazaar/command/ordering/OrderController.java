package dev.bazaar.command.ordering;

import dev.bazaar.api.catalog.ProductId;
import dev.bazaar.api.customer.CustomerId;
import dev.bazaar.api.ordering.CancelOrder;
import dev.bazaar.api.ordering.DeliverOrder;
import dev.bazaar.api.ordering.OrderId;
import dev.bazaar.api.ordering.OrderLine;
import dev.bazaar.api.ordering.PlaceOrder;
import dev.bazaar.api.ordering.ShipOrder;
import dev.bazaar.command.web.Commands;
import dev.bazaar.command.web.Ids;
import dev.bazaar.command.web.Versioned;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Places orders and moves them along. A placed order is confirmed or rejected by the order saga
 * shortly after: the 201 means "placed", not "confirmed".
 */
@RestController
@RequestMapping(path = "/api/orders", produces = MediaType.APPLICATION_JSON_VALUE)
class OrderController {

    private final Commands commands;

    OrderController(Commands commands) {
        this.commands = commands;
    }

    record Line(@NotNull @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String productId, @Min(1) int quantity) {
    }

    record NewOrder(@Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id,
                    @NotNull @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String customerId,
                    @NotEmpty @Size(max = Order.MAX_LINES) List<@NotNull @Valid Line> lines) {
    }

    record Cancellation(@Size(max = 500) String reason) {
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Versioned> place(@Valid @RequestBody NewOrder body) {
        OrderId id = body.id() == null ? OrderId.random() : OrderId.of(body.id());
        List<OrderLine> lines = body.lines().stream().map(line -> new OrderLine(ProductId.of(line.productId()), line.quantity())).toList();
        Versioned created = commands.create(id, new PlaceOrder(id, CustomerId.of(body.customerId()), lines));
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").build(id.toString()))
                .body(created);
    }

    @PostMapping("/{id}/ship")
    Versioned ship(@PathVariable String id) {
        OrderId orderId = OrderId.of(id);
        return commands.change(orderId, new ShipOrder(orderId));
    }

    @PostMapping("/{id}/deliver")
    Versioned deliver(@PathVariable String id) {
        OrderId orderId = OrderId.of(id);
        return commands.change(orderId, new DeliverOrder(orderId));
    }

    @PostMapping("/{id}/cancel")
    Versioned cancel(@PathVariable String id, @Valid @RequestBody(required = false) Cancellation body) {
        OrderId orderId = OrderId.of(id);
        return commands.change(orderId, new CancelOrder(orderId, body == null ? null : body.reason()));
    }
}
