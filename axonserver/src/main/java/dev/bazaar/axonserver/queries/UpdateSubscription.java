package dev.bazaar.axonserver.queries;

import dev.bazaar.axonserver.grpc.OutboundStream;
import io.axoniq.axonserver.grpc.query.QueryProviderInbound;
import io.axoniq.axonserver.grpc.query.SubscriptionQuery;
import io.axoniq.axonserver.grpc.query.SubscriptionQueryRequest;
import io.axoniq.axonserver.grpc.query.SubscriptionQueryResponse;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * One caller's Subscription stream: the subscription query it opened, the handlers that were told about it
 * (any of them may emit updates), and the permits the caller granted. Messages for the caller wait in line
 * for permits; a completion from a handler ends the stream once everything before it has been delivered.
 */
final class UpdateSubscription {

    private final String context;
    private final OutboundStream<SubscriptionQueryResponse> caller;
    private final Deque<SubscriptionQueryResponse> waiting = new ArrayDeque<>();
    private final Set<QueryHandlerStream> informed = new HashSet<>();
    private SubscriptionQuery query;
    private long permits;
    private boolean ending;
    private boolean ended;

    UpdateSubscription(String context, OutboundStream<SubscriptionQueryResponse> caller) {
        this.context = context;
        this.caller = caller;
    }

    String context() {
        return context;
    }

    synchronized SubscriptionQuery query() {
        return query;
    }

    synchronized void opened(SubscriptionQuery query) {
        this.query = query;
    }

    /** Tells a handler about the subscription, once. */
    synchronized void inform(QueryHandlerStream handler) {
        if (!ended && query != null && informed.add(handler)) {
            handler.send(QueryProviderInbound.newBuilder()
                    .setSubscriptionQueryRequest(SubscriptionQueryRequest.newBuilder().setSubscribe(query))
                    .build());
        }
    }

    synchronized void handlerGone(QueryHandlerStream handler) {
        informed.remove(handler);
    }

    synchronized void grant(long newPermits) {
        permits += newPermits;
        sendWhilePermitted();
    }

    synchronized void deliver(SubscriptionQueryResponse response) {
        if (ending || ended) {
            return;
        }
        waiting.add(response);
        ending = response.hasComplete() || response.hasCompleteExceptionally();
        sendWhilePermitted();
    }

    /** Ends the subscription: every informed handler is told to stop, and the caller's stream is completed. */
    synchronized void end() {
        if (ended) {
            return;
        }
        ended = true;
        waiting.clear();
        if (query != null) {
            QueryProviderInbound unsubscribe = QueryProviderInbound.newBuilder()
                    .setSubscriptionQueryRequest(SubscriptionQueryRequest.newBuilder().setUnsubscribe(query))
                    .build();
            informed.forEach(handler -> handler.send(unsubscribe));
        }
        informed.clear();
        caller.complete();
    }

    private void sendWhilePermitted() {
        while (permits > 0 && !waiting.isEmpty()) {
            permits--;
            caller.send(waiting.poll());
        }
        if (ending && waiting.isEmpty()) {
            end();
        }
    }
}
