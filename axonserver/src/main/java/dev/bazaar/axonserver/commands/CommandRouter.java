package dev.bazaar.axonserver.commands;

import dev.bazaar.axonserver.grpc.WeightedRendezvous;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Which client streams handle which command, per context, and the choice of one of them for a command.
 * The choice hashes the routing key (the aggregate id, for aggregate commands) over the subscribed handlers,
 * weighted by their load factor: while the set of handlers stays the same, a key always lands on the same one.
 */
@Component
public class CommandRouter {

    /** Axon Server's reading of a load factor of 0. */
    private static final int DEFAULT_LOAD_FACTOR = 100;

    private final Map<Route, Map<CommandHandlerStream, Integer>> routes = new ConcurrentHashMap<>();

    void subscribe(String command, CommandHandlerStream handler, int loadFactor) {
        int weight = loadFactor <= 0 ? DEFAULT_LOAD_FACTOR : loadFactor;
        routes.compute(new Route(handler.context(), command), (route, handlers) -> {
            Map<CommandHandlerStream, Integer> updated = handlers == null ? new HashMap<>() : new HashMap<>(handlers);
            updated.put(handler, weight);
            return Map.copyOf(updated);
        });
    }

    void unsubscribe(String command, CommandHandlerStream handler) {
        routes.computeIfPresent(new Route(handler.context(), command), (route, handlers) -> without(handlers, handler));
    }

    void unsubscribeAll(CommandHandlerStream handler) {
        for (Route route : routes.keySet()) {
            routes.computeIfPresent(route, (key, handlers) -> handlers.containsKey(handler) ? without(handlers, handler) : handlers);
        }
    }

    Optional<CommandHandlerStream> select(String context, String command, String routingKey) {
        Map<CommandHandlerStream, Integer> handlers = routes.getOrDefault(new Route(context, command), Map.of());
        return WeightedRendezvous.pick(routingKey, handlers.keySet(), CommandHandlerStream::clientId, handlers::get);
    }

    /** Every current subscription, for the status page. */
    public List<CommandSubscription> subscriptions() {
        return routes.entrySet().stream()
                .flatMap(route -> route.getValue().entrySet().stream().map(handler -> new CommandSubscription(
                        route.getKey().context(), route.getKey().command(), handler.getKey().clientId(),
                        handler.getKey().componentName(), handler.getValue(), handler.getKey().waitingForPermits())))
                .sorted(Comparator.comparing(CommandSubscription::context).thenComparing(CommandSubscription::command)
                        .thenComparing(CommandSubscription::clientId))
                .toList();
    }

    private static Map<CommandHandlerStream, Integer> without(Map<CommandHandlerStream, Integer> handlers, CommandHandlerStream handler) {
        Map<CommandHandlerStream, Integer> updated = new HashMap<>(handlers);
        updated.remove(handler);
        return updated.isEmpty() ? null : Map.copyOf(updated);
    }

    private record Route(String context, String command) {
    }

    /**
     * @param waitingForPermits commands routed to this client that wait for it to grant permits
     */
    public record CommandSubscription(String context, String command, String clientId, String componentName,
                                      int loadFactor, int waitingForPermits) {
    }
}
