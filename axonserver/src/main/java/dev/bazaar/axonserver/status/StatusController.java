package dev.bazaar.axonserver.status;

import dev.bazaar.axonserver.NodeProperties;
import dev.bazaar.axonserver.commands.CommandRouter;
import dev.bazaar.axonserver.grpc.GrpcServer;
import dev.bazaar.axonserver.platform.ConnectedClients;
import dev.bazaar.axonserver.queries.QueryRegistry;
import dev.bazaar.axonserver.storage.ContextEventStatistics;
import dev.bazaar.axonserver.storage.ContextEventStatistics.ContextEvents;
import io.axoniq.axonserver.grpc.control.EventProcessorInfo;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The node's status page: per context its events (count, head token), the connected clients, the command
 * and query handlers they subscribed, and the event processors they report. A context appears as soon as
 * it has events or anyone connected to it.
 */
@RestController
class StatusController {

    private final NodeProperties properties;
    private final GrpcServer grpcServer;
    private final Environment environment;
    private final ContextEventStatistics events;
    private final ConnectedClients clients;
    private final CommandRouter commands;
    private final QueryRegistry queries;

    StatusController(NodeProperties properties, GrpcServer grpcServer, Environment environment, ContextEventStatistics events,
                     ConnectedClients clients, CommandRouter commands, QueryRegistry queries) {
        this.properties = properties;
        this.grpcServer = grpcServer;
        this.environment = environment;
        this.events = events;
        this.clients = clients;
        this.commands = commands;
        this.queries = queries;
    }

    @GetMapping("/v1/status")
    NodeStatus status() {
        Map<String, ContextEvents> eventsByContext = events.contexts().stream()
                .collect(Collectors.toMap(ContextEvents::context, Function.identity()));
        List<ConnectedClients.ConnectedClient> connected = clients.all();
        List<CommandRouter.CommandSubscription> commandSubscriptions = commands.subscriptions();
        List<QueryRegistry.QuerySubscription> querySubscriptions = queries.subscriptions();

        TreeSet<String> names = new TreeSet<>(eventsByContext.keySet());
        connected.forEach(client -> names.add(client.context()));
        commandSubscriptions.forEach(subscription -> names.add(subscription.context()));
        querySubscriptions.forEach(subscription -> names.add(subscription.context()));

        List<NodeStatus.ContextStatus> contexts = names.stream().map(name -> {
            ContextEvents stored = eventsByContext.getOrDefault(name, new ContextEvents(name, 0, -1));
            List<ConnectedClients.ConnectedClient> inContext = connected.stream().filter(client -> client.context().equals(name)).toList();
            return new NodeStatus.ContextStatus(name, stored.eventCount(), stored.headToken(),
                    inContext.stream().map(client -> new NodeStatus.Client(
                            client.clientId(), client.componentName(), client.version(), client.connectedAt())).toList(),
                    commandSubscriptions.stream().filter(subscription -> subscription.context().equals(name))
                            .map(subscription -> new NodeStatus.CommandHandler(subscription.command(), subscription.clientId(),
                                    subscription.componentName(), subscription.loadFactor(), subscription.waitingForPermits()))
                            .toList(),
                    querySubscriptions.stream().filter(subscription -> subscription.context().equals(name))
                            .map(subscription -> new NodeStatus.QueryHandler(subscription.query(), subscription.resultName(),
                                    subscription.clientId(), subscription.componentName(), subscription.waitingForPermits()))
                            .toList(),
                    inContext.stream().flatMap(client -> client.processors().values().stream()
                                    .map(reported -> processor(client, reported)))
                            .toList());
        }).toList();
        return new NodeStatus(properties.name(), grpcServer.port(),
                environment.getProperty("local.server.port", Integer.class, 0), properties.accessControlEnabled(), contexts);
    }

    private static NodeStatus.EventProcessor processor(ConnectedClients.ConnectedClient client, ConnectedClients.ReportedProcessor reported) {
        EventProcessorInfo info = reported.info();
        return new NodeStatus.EventProcessor(info.getProcessorName(), client.clientId(), client.componentName(), info.getMode(),
                info.getRunning(), info.getError(), info.getActiveThreads(), info.getAvailableThreads(),
                info.getTokenStoreIdentifier(), reported.reportedAt(),
                info.getSegmentStatusList().stream().map(segment -> new NodeStatus.Segment(segment.getSegmentId(),
                        segment.getOnePartOf(), segment.getTokenPosition(), segment.getCaughtUp(), segment.getReplaying(),
                        segment.getErrorState())).toList());
    }
}
