package dev.bazaar.axonserver.queries;

import dev.bazaar.axonserver.NodeProperties;
import dev.bazaar.axonserver.grpc.AxonErrorCode;
import dev.bazaar.axonserver.grpc.CallContext;
import dev.bazaar.axonserver.grpc.OutboundStream;
import io.axoniq.axonserver.grpc.InstructionAck;
import io.axoniq.axonserver.grpc.ProcessingInstruction;
import io.axoniq.axonserver.grpc.ProcessingKey;
import io.axoniq.axonserver.grpc.query.QueryProviderInbound;
import io.axoniq.axonserver.grpc.query.QueryProviderOutbound;
import io.axoniq.axonserver.grpc.query.QueryRequest;
import io.axoniq.axonserver.grpc.query.QueryResponse;
import io.axoniq.axonserver.grpc.query.QueryServiceGrpc;
import io.axoniq.axonserver.grpc.query.QuerySubscription;
import io.axoniq.axonserver.grpc.query.SubscriptionQuery;
import io.axoniq.axonserver.grpc.query.SubscriptionQueryRequest;
import io.axoniq.axonserver.grpc.query.SubscriptionQueryResponse;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Axon Server's QueryService: point-to-point and scatter-gather queries (Query), subscription queries
 * (Subscription), and the handlers' stream (OpenStream) that receives queries and sends back responses,
 * completions and subscription updates. A query nobody handles is answered with Axon Server's in-band
 * "no handler" error ({@code AXONIQ-5000}), which the client turns into NoHandlerForQueryException.
 */
@Component
class QueryGrpcService extends QueryServiceGrpc.QueryServiceImplBase implements DisposableBean {

    /** Axon Server's default when a query carries no timeout of its own. */
    private static final long DEFAULT_TIMEOUT_MILLIS = TimeUnit.MINUTES.toMillis(5);

    private final QueryRegistry registry;
    private final String nodeName;
    private final Map<String, PendingQuery> pending = new ConcurrentHashMap<>();
    private final Map<String, UpdateSubscription> subscriptions = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timeouts = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "query-timeouts");
        thread.setDaemon(true);
        return thread;
    });

    QueryGrpcService(QueryRegistry registry, NodeProperties properties) {
        this.registry = registry;
        this.nodeName = properties.name();
    }

    @Override
    public void query(QueryRequest request, StreamObserver<QueryResponse> responseObserver) {
        OutboundStream<QueryResponse> caller = new OutboundStream<>(responseObserver);
        QueryRequest query = request.getMessageIdentifier().isEmpty()
                ? request.toBuilder().setMessageIdentifier(UUID.randomUUID().toString()).build()
                : request;
        PendingQuery.Answers answers = new PendingQuery.Answers() {
            @Override
            public void response(QueryResponse response) {
                caller.send(response);
            }

            @Override
            public void finished(long delivered) {
                caller.complete();
            }
        };
        PendingQuery sent = send(CallContext.context(), query, number(query, ProcessingKey.NR_OF_RESULTS, -1), answers);
        if (sent == null) {
            caller.send(noHandler(query));
            caller.complete();
        } else {
            caller.onCancel(sent::finish);
        }
    }

    @Override
    public StreamObserver<SubscriptionQueryRequest> subscription(StreamObserver<SubscriptionQueryResponse> responseObserver) {
        UpdateSubscription subscription = new UpdateSubscription(CallContext.context(), new OutboundStream<>(responseObserver));
        return new StreamObserver<>() {
            private volatile String id;

            @Override
            public void onNext(SubscriptionQueryRequest request) {
                switch (request.getRequestCase()) {
                    case SUBSCRIBE -> {
                        SubscriptionQuery query = request.getSubscribe();
                        id = query.getSubscriptionIdentifier();
                        subscription.opened(query);
                        subscriptions.put(id, subscription);
                        registry.allHandlers(subscription.context(), query.getQueryRequest().getQuery()).forEach(subscription::inform);
                    }
                    case GET_INITIAL_RESULT -> initialResult(subscription, request.getGetInitialResult());
                    case FLOW_CONTROL -> subscription.grant(request.getFlowControl().getNumberOfPermits());
                    case UNSUBSCRIBE -> ended();
                    default -> {
                        // an empty request carries nothing to act on
                    }
                }
            }

            @Override
            public void onError(Throwable t) {
                ended();
            }

            @Override
            public void onCompleted() {
                ended();
            }

            private void ended() {
                if (id != null) {
                    subscriptions.remove(id, subscription);
                }
                subscription.end();
            }
        };
    }

    @Override
    public StreamObserver<QueryProviderOutbound> openStream(StreamObserver<QueryProviderInbound> responseObserver) {
        QueryHandlerStream handler = new QueryHandlerStream(CallContext.context(), new OutboundStream<>(responseObserver));
        return new StreamObserver<>() {
            @Override
            public void onNext(QueryProviderOutbound message) {
                switch (message.getRequestCase()) {
                    case SUBSCRIBE -> subscribed(handler, message.getSubscribe());
                    case UNSUBSCRIBE -> registry.unsubscribe(message.getUnsubscribe().getQuery(), handler);
                    case FLOW_CONTROL -> {
                        handler.identify(message.getFlowControl().getClientId(), "");
                        handler.grant(message.getFlowControl().getPermits());
                    }
                    case QUERY_RESPONSE -> {
                        PendingQuery query = pending.get(message.getQueryResponse().getRequestIdentifier());
                        if (query != null) {
                            query.response(message.getQueryResponse());
                        }
                    }
                    case QUERY_COMPLETE -> {
                        PendingQuery query = pending.get(message.getQueryComplete().getRequestId());
                        if (query != null) {
                            query.completedBy(handler);
                        }
                    }
                    case SUBSCRIPTION_QUERY_RESPONSE -> {
                        SubscriptionQueryResponse response = message.getSubscriptionQueryResponse();
                        UpdateSubscription subscription = subscriptions.get(response.getSubscriptionIdentifier());
                        if (subscription != null) {
                            subscription.deliver(response);
                        }
                    }
                    default -> {
                        // the client's acknowledgements of our messages need no answer
                    }
                }
                if (!message.getInstructionId().isEmpty()) {
                    handler.acknowledge(QueryProviderInbound.newBuilder()
                            .setAck(InstructionAck.newBuilder().setInstructionId(message.getInstructionId()).setSuccess(true))
                            .build());
                }
            }

            @Override
            public void onError(Throwable t) {
                ended();
            }

            @Override
            public void onCompleted() {
                ended();
            }

            private void ended() {
                registry.unsubscribeAll(handler);
                handler.close();
                pending.values().forEach(query -> query.completedBy(handler));
                subscriptions.values().forEach(subscription -> subscription.handlerGone(handler));
            }
        };
    }

    @Override
    public void destroy() {
        timeouts.shutdownNow();
    }

    private void subscribed(QueryHandlerStream handler, QuerySubscription subscription) {
        handler.identify(subscription.getClientId(), subscription.getComponentName());
        registry.subscribe(subscription.getQuery(), subscription.getResultName(), handler);
        // a handler that arrives late must still hear of the subscription queries already open for its query
        subscriptions.values().stream()
                .filter(open -> open.context().equals(handler.context()))
                .filter(open -> open.query() != null && open.query().getQueryRequest().getQuery().equals(subscription.getQuery()))
                .forEach(open -> open.inform(handler));
    }

    /** The initial result of a subscription query is a point-to-point query whose answer is wrapped for the subscription. */
    private void initialResult(UpdateSubscription subscription, SubscriptionQuery request) {
        QueryRequest query = request.getQueryRequest().toBuilder().setMessageIdentifier(UUID.randomUUID().toString()).build();
        PendingQuery.Answers answers = new PendingQuery.Answers() {
            @Override
            public void response(QueryResponse response) {
                subscription.deliver(initialResult(request, response));
            }

            @Override
            public void finished(long delivered) {
                if (delivered == 0) {
                    subscription.deliver(initialResult(request, noHandler(query)));
                }
            }
        };
        if (send(subscription.context(), query, 1, answers) == null) {
            subscription.deliver(initialResult(request, noHandler(query)));
        }
    }

    private static SubscriptionQueryResponse initialResult(SubscriptionQuery request, QueryResponse response) {
        return SubscriptionQueryResponse.newBuilder()
                .setSubscriptionIdentifier(request.getSubscriptionIdentifier())
                .setMessageIdentifier(response.getMessageIdentifier())
                .setInitialResult(response)
                .build();
    }

    /** @return the query on its way to its handlers, or null when nobody handles it */
    private PendingQuery send(String context, QueryRequest query, long wanted, PendingQuery.Answers answers) {
        List<QueryHandlerStream> targets = registry.targets(context, query.getQuery(), query.getMessageIdentifier(), wanted == 1);
        if (targets.isEmpty()) {
            return null;
        }
        String id = query.getMessageIdentifier();
        long timeout = number(query, ProcessingKey.TIMEOUT, DEFAULT_TIMEOUT_MILLIS);
        ScheduledFuture<?>[] timer = new ScheduledFuture<?>[1];
        PendingQuery pendingQuery = new PendingQuery(id, answers, wanted, targets, () -> {
            pending.remove(id);
            if (timer[0] != null) {
                timer[0].cancel(false);
            }
        });
        pending.put(id, pendingQuery);
        timer[0] = timeouts.schedule(pendingQuery::finish, timeout > 0 ? timeout : DEFAULT_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        QueryProviderInbound message = QueryProviderInbound.newBuilder().setQuery(query).build();
        for (QueryHandlerStream target : targets) {
            if (!target.send(message)) {
                pendingQuery.completedBy(target);
            }
        }
        return pendingQuery;
    }

    private QueryResponse noHandler(QueryRequest query) {
        return QueryResponse.newBuilder()
                .setMessageIdentifier(UUID.randomUUID().toString())
                .setRequestIdentifier(query.getMessageIdentifier())
                .setErrorCode(AxonErrorCode.NO_HANDLER_FOR_QUERY.code())
                .setErrorMessage(AxonErrorCode.NO_HANDLER_FOR_QUERY.message("No handler for query: " + query.getQuery(), nodeName))
                .build();
    }

    private static long number(QueryRequest query, ProcessingKey key, long fallback) {
        return query.getProcessingInstructionsList().stream()
                .filter(instruction -> instruction.getKey() == key)
                .map(ProcessingInstruction::getValue)
                .mapToLong(value -> value.getNumberValue())
                .findFirst()
                .orElse(fallback);
    }
}
