package dev.bazaar.axonserver.platform;

import io.axoniq.axonserver.grpc.control.ClientIdentification;
import io.axoniq.axonserver.grpc.control.EventProcessorInfo;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The client applications that hold a platform (control) stream, per context, and the event processor
 * status each of them last reported. A client counts as connected while its platform stream is open.
 */
@Component
public class ConnectedClients {

    private final Map<ClientKey, ConnectedClient> clients = new ConcurrentHashMap<>();

    ConnectedClient connected(String context, ClientIdentification identification) {
        ConnectedClient client = new ConnectedClient(context, identification.getClientId(), identification.getComponentName(),
                identification.getVersion(), Map.copyOf(identification.getTagsMap()), Instant.now(), new ConcurrentHashMap<>());
        clients.put(new ClientKey(context, client.clientId()), client);
        return client;
    }

    /** Forgets the client, unless it has reconnected on a newer stream in the meantime. */
    void disconnected(ConnectedClient client) {
        clients.remove(new ClientKey(client.context(), client.clientId()), client);
    }

    void reported(ConnectedClient client, EventProcessorInfo info) {
        client.processors().put(info.getProcessorName(), new ReportedProcessor(info, Instant.now()));
    }

    /** Every connected client, ordered by context and client id. */
    public List<ConnectedClient> all() {
        return clients.values().stream()
                .sorted(Comparator.comparing(ConnectedClient::context).thenComparing(ConnectedClient::clientId))
                .toList();
    }

    private record ClientKey(String context, String clientId) {
    }

    /** A client application instance as it registered itself, with its processors keyed by name. */
    public record ConnectedClient(String context, String clientId, String componentName, String version,
                                  Map<String, String> tags, Instant connectedAt, Map<String, ReportedProcessor> processors) {
    }

    /** The last status a client reported for one of its event processors. */
    public record ReportedProcessor(EventProcessorInfo info, Instant reportedAt) {
    }
}
