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

/**
 * A customer's page of orders, asked ahead: in the same Axon query as the customer
 * ({@code FindCustomerWithOrders}), because the orders need only the customer's id, which the request
 * already names. Asking them after the customer cost the customer-with-orders request one more round
 * trip through Axon Server in sequence (customer, then orders, then their products), and asking them
 * beside it one more query for the node and the read model to handle. The page rides to the
 * {@code orders} field in the customer's local context, which uses it only for the same customer, status
 * and page; any other {@code orders} field, and a request that selects {@code orders} more than once
 * (aliases) or with an invalid page, asks as before.
 */
record OrdersAskedAhead(CustomerId customer, OrderStatus status, PageRequest request, PageOf<OrderView> answer) {

    static final String KEY = "ordersAskedAhead";

    /** One page of orders a customer's selection wants: the arguments of its only {@code orders} field. */
    record Wanted(OrderStatus status, PageRequest request) {
    }

    /**
     * The page of orders the selection will want, if it wants exactly one. Reading the selection coerces
     * the arguments of every field below the customer; when one of them cannot be coerced (a variable
     * that is null for {@code size: Int!}, say), nothing is asked ahead and the field that holds it fails
     * on its own with its error, never the customer.
     */
    static Wanted wanted(DataFetchingFieldSelectionSet selection) {
        List<SelectedField> selected;
        try {
            selected = selection.getImmediateFields().stream().filter(field -> field.getName().equals("orders")).toList();
        } catch (GraphQLException uncoercible) {
            return null;
        }
        if (selected.size() != 1) {
            return null;
        }
        Map<String, Object> arguments = selected.get(0).getArguments();
        OrderStatus status = arguments.get("status") == null ? null : OrderStatus.valueOf(arguments.get("status").toString());
        try {
            return new Wanted(status, new PageRequest((Integer) arguments.get("page"), (Integer) arguments.get("size")));
        } catch (IllegalArgumentException invalid) {
            // The orders field itself answers this with its BAD_REQUEST error.
            return null;
        }
    }

    /** The customer's local context, carrying this page to their {@code orders} field. */
    GraphQLContext asLocalContext() {
        return GraphQLContext.newContext().of(KEY, this).build();
    }

    boolean isFor(CustomerId customer, OrderStatus status, int page, int size) {
        return this.customer.equals(customer) && this.status == status && request.page() == page && request.size() == size;
    }
}
