package dev.bazaar.query.graphql.customer;

import dev.bazaar.api.common.PageRequest;
import dev.bazaar.api.customer.CustomerId;
import dev.bazaar.api.customer.CustomerPage;
import dev.bazaar.api.customer.CustomerView;
import dev.bazaar.api.customer.FindCustomer;
import dev.bazaar.api.customer.FindCustomers;
import dev.bazaar.api.ordering.CustomerWithOrders;
import dev.bazaar.api.ordering.FindCustomerWithOrders;
import dev.bazaar.api.ordering.FindOrdersOfCustomer;
import dev.bazaar.api.ordering.OrderPage;
import dev.bazaar.api.ordering.OrderStatus;
import dev.bazaar.api.ordering.OrderView;
import dev.bazaar.query.graphql.support.PageOf;
import dev.bazaar.query.graphql.support.ReadModelQueries;
import graphql.GraphQLContext;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetchingFieldSelectionSet;
import java.util.concurrent.CompletableFuture;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.LocalContextValue;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * Customers and their order history, from the relational read model. A customer's orders are one
 * query per customer (the read model pages and filters them per customer); they go out concurrently.
 * A customer asked by id has its page of orders asked in the same query as the customer itself (see
 * {@link OrdersAskedAhead}).
 */
@Controller
class CustomerController {

    private final ReadModelQueries queries;

    CustomerController(ReadModelQueries queries) {
        this.queries = queries;
    }

    @QueryMapping
    CompletableFuture<DataFetcherResult<CustomerView>> customer(@Argument String id, @Argument Long minVersion,
                                                                DataFetchingFieldSelectionSet selection) {
        CustomerId customerId = CustomerId.of(id);
        OrdersAskedAhead.Wanted orders = OrdersAskedAhead.wanted(selection);
        if (orders == null) {
            return queries.find(new FindCustomer(customerId, minVersion), CustomerView.class, "customer " + id, minVersion, CustomerView::version)
                    .thenApply(customer -> DataFetcherResult.<CustomerView>newResult().data(customer)
                            .localContext(GraphQLContext.newContext().build()).build());
        }
        FindCustomerWithOrders query = new FindCustomerWithOrders(customerId, minVersion, orders.status(), orders.request());
        return queries.find(query, CustomerWithOrders.class, "customer " + id, minVersion, both -> both.customer().version())
                .thenApply(both -> {
                    PageOf<OrderView> page = PageOf.of(both.orders().items(), both.orders().total(), orders.request());
                    OrdersAskedAhead ahead = new OrdersAskedAhead(customerId, orders.status(), orders.request(), page);
                    return DataFetcherResult.<CustomerView>newResult().data(both.customer()).localContext(ahead.asLocalContext()).build();
                });
    }

    @QueryMapping
    CompletableFuture<PageOf<CustomerView>> customers(@Argument int page, @Argument int size) {
        PageRequest request = new PageRequest(page, size);
        return queries.ask(new FindCustomers(request), CustomerPage.class)
                .thenApply(answer -> PageOf.of(answer.items(), answer.total(), request));
    }

    @SchemaMapping(typeName = "Customer")
    String id(CustomerView customer) {
        return customer.customerId().value();
    }

    @SchemaMapping(typeName = "Customer")
    CompletableFuture<PageOf<OrderView>> orders(CustomerView customer, @Argument OrderStatus status,
                                                @Argument int page, @Argument int size,
                                                @LocalContextValue(name = OrdersAskedAhead.KEY, required = false) OrdersAskedAhead ahead) {
        if (ahead != null && ahead.isFor(customer.customerId(), status, page, size)) {
            return CompletableFuture.completedFuture(ahead.answer());
        }
        return ordersOf(customer.customerId(), status, new PageRequest(page, size));
    }

    private CompletableFuture<PageOf<OrderView>> ordersOf(CustomerId customer, OrderStatus status, PageRequest request) {
        return queries.ask(new FindOrdersOfCustomer(customer, status, request), OrderPage.class)
                .thenApply(answer -> PageOf.of(answer.items(), answer.total(), request));
    }
}
