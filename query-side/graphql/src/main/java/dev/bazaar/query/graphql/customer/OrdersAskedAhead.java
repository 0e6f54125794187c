package dev.bazaar.query.graphql.customer;

import dev.bazaar.api.common.PageRequest;
import dev.bazaar.api.customer.CustomerId;
import dev.bazaar.api.ordering.OrderStatus;
import dev.bazaar.api.ordering.OrderView;
import dev.bazaar.query.graphql.support.PageOf;
import graphql.GraphQLContext;
import graphql.GraphQLException;
import graphql.schema.DataFetchingFieldSelectionSet;
import graphql.schema.SelectedField;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A customer's page of orders, asked at the same time as the customer. The orders need only the
 * customer's id, which the request already names, so waiting for the customer first cost the
 * customer-with-orders query one more round trip through Axon Server in sequence (customer, then
 * orders, then their products). It rides to the {@code orders} field in the customer's local context,
 * which uses it only for the same customer, status and page; any other {@code orders} field, and a
 * request that selects {@code orders} more than once (aliases) or with an invalid page, asks as before.
 */
record OrdersAskedAhead(CustomerId customer, OrderStatus status, int page, int size,
                        CompletableFuture<PageOf<OrderView>> answer) {

    static final String KEY = "ordersAskedAhead";

    interface Orders {
        CompletableFuture<PageOf<OrderView>> ask(CustomerId customer, OrderStatus status, PageRequest request);
    }

    /**
     * Asks now for the orders the selection will want, if it wants exactly one page of them. Reading the
     * selection coerces the arguments of every field below the customer; when one of them cannot be
     * coerced (a variable that is null for {@code size: Int!}, say), nothing is asked ahead and the field
     * that holds it fails on its own with its error, never the customer.
     */
    static GraphQLContext ask(CustomerId customer, DataFetchingFieldSelectionSet selection, Orders orders) {
        List<SelectedField> selected;
        try {
            selected = selection.getImmediateFields().stream().filter(field -> field.getName().equals("orders")).toList();
        } catch (GraphQLException uncoercible) {
            return GraphQLContext.newContext().build();
        }
        if (selected.size() != 1) {
            return GraphQLContext.newContext().build();
        }
        Map<String, Object> arguments = selected.get(0).getArguments();
        OrderStatus status = arguments.get("status") == null ? null : OrderStatus.valueOf(arguments.get("status").toString());
        int page = (Integer) arguments.get("page");
        int size = (Integer) arguments.get("size");
        PageRequest request;
        try {
            request = new PageRequest(page, size);
        } catch (IllegalArgumentException invalid) {
            // The orders field itself answers this with its BAD_REQUEST error.
            return GraphQLContext.newContext().build();
        }
        OrdersAskedAhead ahead = new OrdersAskedAhead(customer, status, page, size, orders.ask(customer, status, request));
        return GraphQLContext.newContext().of(KEY, ahead).build();
    }

    boolean isFor(CustomerId customer, OrderStatus status, int page, int size) {
        return this.customer.equals(customer) && this.status == status && this.page == page && this.size == size;
    }
}
