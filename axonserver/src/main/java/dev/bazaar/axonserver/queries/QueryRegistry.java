package dev.bazaar.axonserver.queries;

import dev.bazaar.axonserver.grpc.WeightedRendezvous;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Which client streams handle which query, per context. As in Axon Server, a query goes to one instance of
 * every component (application) that handles it: instances of one component are interchangeable, different
 * components each have their own answer. A point-to-point query, which wants one answer, goes to one instance.
 */
@Component
public class QueryRegistry {

    private final Map<Route, Map<QueryHandlerStream, String>> routes = new ConcurrentHashMap<>();

    void subscribe(String query, String resultName, QueryHandlerStream handler) {
        routes.compute(new Route(handler.context(), query), (route, handlers) -> {
            Map<QueryHandlerStream, String> updated = handlers == null ? new HashMap<>() : new HashMap<>(handlers);
            updated.put(handler, resultName);
            return Map.copyOf(updated);
        });
    }

    void unsubscribe(String query, QueryHandlerStream handler) {
        routes.computeIfPresent(new Route(handler.context(), query), (route, handlers) -> without(handlers, handler));
    }

    void unsubscribeAll(QueryHandlerStream handler) {
        for (Route route : routes.keySet()) {
            routes.computeIfPresent(route, (key, handlers) -> handlers.containsKey(handler) ? without(handlers, handler) : handlers);
        }
    }

    /** Every instance that handles the query, for subscription queries: any of them may emit updates. */
    Set<QueryHandlerStream> allHandlers(String context, String query) {
        return routes.getOrDefault(new Route(context, query), Map.of()).keySet();
    }

    /** One instance per component, or a single instance when only one answer is wanted. */
    List<QueryHandlerStream> targets(String context, String query, String key, boolean single) {
        Collection<List<QueryHandlerStream>> components = allHandlers(context, query).stream()
                .collect(Collectors.groupingBy(QueryHandlerStream::componentName)).values();
        List<QueryHandlerStream> onePerComponent = components.stream()
                .map(instances -> WeightedRendezvous.pick(key, instances, QueryHandlerStream::clientId, instance -> 1).orElseThrow())
                .toList();
        if (single) {
            return WeightedRendezvous.pick(key, onePerComponent, QueryHandlerStream::clientId, instance -> 1).stream().toList();
        }
        return onePerComponent;
    }

    /** Every current subscription, for the status page. */
    public List<QuerySubscription> subscriptions() {
        return routes.entrySet().stream()
                .flatMap(route -> route.getValue().entrySet().stream().map(handler -> new QuerySubscription(
                        route.getKey().context(), route.getKey().query(), handler.getValue(),
                        handler.getKey().clientId(), handler.getKey().componentName(), handler.getKey().waitingForPermits())))
                .sorted(Comparator.comparing(QuerySubscription::context).thenComparing(QuerySubscription::query)
                        .thenComparing(QuerySubscription::clientId))
                .toList();
    }

    private static Map<QueryHandlerStream, String> without(Map<QueryHandlerStream, String> handlers, QueryHandlerStream handler) {
        Map<QueryHandlerStream, String> updated = new HashMap<>(handlers);
        updated.remove(handler);
        return updated.isEmpty() ? null : Map.copyOf(updated);
    }

    private record Route(String context, String query) {
    }

    /**
     * @param waitingForPermits queries routed to this client that wait for it to grant permits
     */
    public record QuerySubscription(String context, String query, String resultName, String clientId,
                                    String componentName, int waitingForPermits) {
    }
}
