package dev.bazaar.axonserver.status;

import java.time.Instant;
import java.util.List;

/** The JSON body of {@code GET /v1/status}: what the node holds and who is connected, per context. */
record NodeStatus(String node, int grpcPort, int httpPort, boolean accessControl, List<ContextStatus> contexts) {

    /**
     * @param headToken the global index of the newest event, -1 when the context has none
     */
    record ContextStatus(String name, long eventCount, long headToken, List<Client> clients,
                         List<CommandHandler> commandHandlers, List<QueryHandler> queryHandlers,
                         List<EventProcessor> eventProcessors) {
    }

    record Client(String clientId, String componentName, String version, Instant connectedAt) {
    }

    record CommandHandler(String command, String clientId, String componentName, int loadFactor, int waitingForPermits) {
    }

    record QueryHandler(String query, String resultName, String clientId, String componentName, int waitingForPermits) {
    }

    record EventProcessor(String name, String clientId, String componentName, String mode, boolean running, boolean error,
                          int activeThreads, int availableThreads, String tokenStoreIdentifier, Instant reportedAt,
                          List<Segment> segments) {
    }

    /**
     * @param onePartOf     the segment covers 1/onePartOf of the event stream
     * @param tokenPosition the approximate global index the segment has processed
     */
    record Segment(int segmentId, int onePartOf, long tokenPosition, boolean caughtUp, boolean replaying, String errorState) {
    }
}
