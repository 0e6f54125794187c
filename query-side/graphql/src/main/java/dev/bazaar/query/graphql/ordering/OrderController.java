package dev.bazaar.query.graphql.ordering;

import dev.bazaar.api.catalog.ProductId;
import dev.bazaar.api.catalog.ProductView;
import dev.bazaar.api.customer.CustomerId;
import dev.bazaar.api.customer.CustomerView;
import dev.bazaar.api.ordering.FindOrder;
import dev.bazaar.api.ordering.OrderId;
import dev.bazaar.api.ordering.OrderLineView;
import dev.bazaar.api.ordering.OrderView;
import dev.bazaar.query.graphql.support.ReadModelQueries;
import java.util.concurrent.CompletableFuture;
import org.dataloader.DataLoader;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** Orders from the relational read model; each line's product comes from the catalog, batched per request level. */
@Controller
class OrderController {

    private final ReadModelQueries queries;

    OrderController(ReadModelQueries queries) {
        this.queries = queries;
    }

    @QueryMapping
    CompletableFuture<OrderView> order(@Argument String id, @Argument Long minVersion) {
        FindOrder query = new FindOrder(OrderId.of(id), minVersion);
        return queries.find(query, OrderView.class, "order " + id, minVersion, OrderView::version);
    }

    @SchemaMapping(typeName = "Order")
    String id(OrderView order) {
        return order.orderId().value();
    }

    @SchemaMapping(typeName = "Order")
    CompletableFuture<CustomerView> customer(OrderView order, DataLoader<CustomerId, CustomerView> customers) {
        return customers.load(order.customerId());
    }

    @SchemaMapping(typeName = "OrderLine")
    CompletableFuture<ProductView> product(OrderLineView line, DataLoader<ProductId, ProductView> products) {
        return products.load(line.productId());
    }
}
