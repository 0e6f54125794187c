package dev.bazaar.query.graphql.ordering;

import dev.bazaar.api.ordering.FindOrder;
import dev.bazaar.api.ordering.OrderId;
import dev.bazaar.api.ordering.OrderStatus;
import dev.bazaar.api.ordering.OrderView;
import dev.bazaar.query.graphql.support.GraphqlProperties;
import dev.bazaar.query.graphql.support.ReadModelBehindException;
import dev.bazaar.query.graphql.support.ReadModelUnavailableException;
import dev.bazaar.query.graphql.support.UnknownIdException;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryExecutionException;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * An order's status as it changes, fed by an Axon subscription query on {@link FindOrder}: the relational
 * read model answers the order now and then emits each new state. The stream ends with the order's life.
 */
@Controller
class OrderStatusSubscription {

    private static final Set<OrderStatus> FINAL = EnumSet.of(OrderStatus.DELIVERED, OrderStatus.REJECTED, OrderStatus.CANCELLED);

    private final QueryGateway gateway;
    private final GraphqlProperties properties;

    OrderStatusSubscription(QueryGateway gateway, GraphqlProperties properties) {
        this.gateway = gateway;
        this.properties = properties;
    }

    @SubscriptionMapping
    Flux<OrderView> orderStatus(@Argument String orderId, @Argument Long minVersion) {
        FindOrder query = new FindOrder(OrderId.of(orderId), minVersion);
        return Flux.using(
                () -> gateway.subscriptionQuery(query, ResponseTypes.instanceOf(OrderView.class),
                        ResponseTypes.instanceOf(OrderView.class)),
                result -> statusChanges(result, orderId, minVersion),
                SubscriptionQueryResult::cancel);
    }

    private Flux<OrderView> statusChanges(SubscriptionQueryResult<OrderView, OrderView> result,
                                          String orderId, Long minVersion) {
        return result.initialResult()
                .timeout(properties.queryTimeout())
                .onErrorMap(TimeoutException.class, timeout -> new ReadModelUnavailableException(
                        "FindOrder got no answer within " + properties.queryTimeout().toMillis() + " ms", timeout))
                .onErrorMap(QueryExecutionException.class, failure -> minVersion == null ? failure
                        : new ReadModelBehindException("order " + orderId, minVersion, failure.getMessage()))
                .switchIfEmpty(Mono.error(() -> new UnknownIdException("order " + orderId)))
                .flatMapMany(order -> Flux.just(order).concatWith(result.updates()))
                .distinctUntilChanged(OrderView::status)
                .takeUntil(order -> FINAL.contains(order.status()));
    }
}
