package dev.bazaar.axonserver.queries;

import dev.bazaar.axonserver.grpc.OutboundStream;
import io.axoniq.axonserver.grpc.query.QueryProviderInbound;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One client's query stream and the permits it granted: queries and subscription instructions routed here
 * wait in line until the client has a permit for them, so it never receives more than it asked for.
 */
final class QueryHandlerStream {

    private final String context;
    private final OutboundStream<QueryProviderInbound> outbound;
    private final Deque<QueryProviderInbound> waiting = new ArrayDeque<>();
    private volatile String clientId = "";
    private volatile String componentName = "";
    private long permits;
    private boolean closed;

    QueryHandlerStream(String context, OutboundStream<QueryProviderInbound> outbound) {
        this.context = context;
        this.outbound = outbound;
    }

    void identify(String clientId, String componentName) {
        if (!clientId.isEmpty()) {
            this.clientId = clientId;
        }
        if (!componentName.isEmpty()) {
            this.componentName = componentName;
        }
    }

    String context() {
        return context;
    }

    String clientId() {
        return clientId;
    }

    String componentName() {
        return componentName;
    }

    /** @return false when the stream has ended and the message will never reach the client */
    synchronized boolean send(QueryProviderInbound message) {
        if (closed) {
            return false;
        }
        waiting.add(message);
        sendWhilePermitted();
        return true;
    }

    /** Acknowledgements answer the client's own instructions and are not counted against its permits. */
    void acknowledge(QueryProviderInbound ack) {
        outbound.send(ack);
    }

    synchronized void grant(long newPermits) {
        permits += newPermits;
        sendWhilePermitted();
    }

    synchronized void close() {
        closed = true;
        waiting.clear();
        outbound.complete();
    }

    synchronized int waitingForPermits() {
        return waiting.size();
    }

    private void sendWhilePermitted() {
        while (permits > 0 && !waiting.isEmpty()) {
            permits--;
            outbound.send(waiting.poll());
        }
    }
}
