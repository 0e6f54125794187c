package dev.bazaar.axonserver.eventstore;

import dev.bazaar.axonserver.grpc.AxonErrorCode;
import dev.bazaar.axonserver.grpc.CallContext;
import dev.bazaar.axonserver.storage.EventStorage;
import dev.bazaar.axonserver.storage.StoredEvent;
import io.axoniq.axonserver.grpc.event.Confirmation;
import io.axoniq.axonserver.grpc.event.Event;
import io.axoniq.axonserver.grpc.event.EventStoreGrpc;
import io.axoniq.axonserver.grpc.event.GetAggregateEventsRequest;
import io.axoniq.axonserver.grpc.event.GetAggregateSnapshotsRequest;
import io.axoniq.axonserver.grpc.event.GetEventsRequest;
import io.axoniq.axonserver.grpc.event.GetFirstTokenRequest;
import io.axoniq.axonserver.grpc.event.GetLastTokenRequest;
import io.axoniq.axonserver.grpc.event.GetTokenAtRequest;
import io.axoniq.axonserver.grpc.event.QueryEventsRequest;
import io.axoniq.axonserver.grpc.event.QueryEventsResponse;
import io.axoniq.axonserver.grpc.event.ReadHighestSequenceNrRequest;
import io.axoniq.axonserver.grpc.event.ReadHighestSequenceNrResponse;
import io.axoniq.axonserver.grpc.event.TrackingToken;
import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.shaded.io.netty.util.internal.ThreadExecutorMap;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Axon Server's EventStore service over {@link EventStorage}: it translates the protocol's messages
 * and errors, the storage does the rest. Ad-hoc event queries are not offered and are refused with
 * Axon Server's unsupported-instruction code.
 */
@Component
class EventStoreService implements EventStoreGrpc.AsyncService, BindableService, DisposableBean {

    private static final Confirmation STORED = Confirmation.newBuilder().setSuccess(true).build();

    private final EventStorage storage;
    private final ExecutorService readers = Executors.newCachedThreadPool(new ReaderThreads());

    EventStoreService(EventStorage storage) {
        this.storage = storage;
    }

    private StreamObserver<StoredEvent> appendReceivedEvents(StreamObserver<Confirmation> response) {
        String context = CallContext.context();
        return new StreamObserver<>() {
            private final List<StoredEvent> events = new ArrayList<>();

            @Override
            public void onNext(StoredEvent event) {
                events.add(event);
            }

            @Override
            public void onError(Throwable t) {
                events.clear();
            }

            @Override
            public void onCompleted() {
                storage.append(context, events, commitAfterTheCurrentRead()).whenComplete((stored, failure) -> {
                    if (failure != null) {
                        response.onError(AxonServerErrors.appendFailed(failure));
                    } else {
                        response.onNext(STORED);
                        response.onCompleted();
                    }
                });
            }
        };
    }

    @Override
    public void appendSnapshot(Event snapshot, StreamObserver<Confirmation> response) {
        String context = CallContext.context();
        answerFromReader(response, () -> {
            storage.storeSnapshot(context, EventMapping.storedSnapshot(snapshot));
            return STORED;
        });
    }

    @Override
    public void listAggregateEvents(GetAggregateEventsRequest request, StreamObserver<Event> response) {
        String context = CallContext.context();
        String aggregateId = request.getAggregateId();
        long last = request.getMaxSequence() > 0 ? request.getMaxSequence() : Long.MAX_VALUE;
        readers.execute(() -> streamAggregate(context, request, aggregateId, last, response));
    }

    private void streamAggregate(String context, GetAggregateEventsRequest request, String aggregateId, long last, StreamObserver<Event> response) {
        try {
            long first = request.getInitialSequence();
            if (request.getAllowSnapshots()) {
                List<byte[]> latest = storage.snapshots(context, aggregateId, first, last, 1);
                if (!latest.isEmpty()) {
                    Event snapshot = EventMapping.event(latest.get(0));
                    response.onNext(snapshot);
                    first = snapshot.getAggregateSequenceNumber() + 1;
                }
            }
            storage.readAggregate(context, aggregateId, first, last, event -> response.onNext(EventMapping.event(event.data())));
            response.onCompleted();
        } catch (RuntimeException e) {
            response.onError(AxonServerErrors.readFailed(e));
        }
    }

    @Override
    public void listAggregateSnapshots(GetAggregateSnapshotsRequest request, StreamObserver<Event> response) {
        String context = CallContext.context();
        long last = request.getMaxSequence() > 0 ? request.getMaxSequence() : Long.MAX_VALUE;
        int maxResults = request.getMaxResults() > 0 ? request.getMaxResults() : Integer.MAX_VALUE;
        readers.execute(() -> {
            try {
                storage.snapshots(context, request.getAggregateId(), request.getInitialSequence(), last, maxResults)
                        .forEach(snapshot -> response.onNext(EventMapping.event(snapshot)));
                response.onCompleted();
            } catch (RuntimeException e) {
                response.onError(AxonServerErrors.readFailed(e));
            }
        });
    }

    @Override
    public void readHighestSequenceNr(ReadHighestSequenceNrRequest request, StreamObserver<ReadHighestSequenceNrResponse> response) {
        String context = CallContext.context();
        String aggregateId = request.getAggregateId();
        // Axon asks this before every command on a cached aggregate: a remembered number is answered
        // on the event loop, with neither a query nor a hand-off to a reader thread.
        OptionalLong remembered = storage.rememberedSequence(context, aggregateId);
        if (remembered.isPresent()) {
            answer(response, () -> highestSequence(remembered.getAsLong()));
        } else {
            answerFromReader(response, () -> highestSequence(storage.highestSequence(context, aggregateId)));
        }
    }

    private static ReadHighestSequenceNrResponse highestSequence(long sequence) {
        return ReadHighestSequenceNrResponse.newBuilder().setToSequenceNr(sequence).build();
    }

    /**
     * The generated service, except that AppendEvent and ListEvents work on serialized events
     * ({@link ReceivedEventMarshaller}, {@link SerializedEventWithToken}): the same messages on the
     * wire, kept and sent as the bytes they are stored as.
     */
    @Override
    public ServerServiceDefinition bindService() {
        ServerServiceDefinition generated = EventStoreGrpc.bindService(this);
        ServerServiceDefinition.Builder service = ServerServiceDefinition.builder(generated.getServiceDescriptor().getName());
        Set<String> replaced = Set.of(ReceivedEventMarshaller.APPEND_EVENT.getFullMethodName(),
                SerializedEventWithToken.LIST_EVENTS.getFullMethodName());
        generated.getMethods().stream()
                .filter(method -> !replaced.contains(method.getMethodDescriptor().getFullMethodName()))
                .forEach(service::addMethod);
        return service
                .addMethod(ReceivedEventMarshaller.APPEND_EVENT, ServerCalls.asyncClientStreamingCall(this::appendReceivedEvents))
                .addMethod(SerializedEventWithToken.LIST_EVENTS, ServerCalls.asyncBidiStreamingCall(this::listStoredEvents))
                .build();
    }

    private StreamObserver<GetEventsRequest> listStoredEvents(StreamObserver<SerializedEventWithToken> response) {
        return new TrackingEventStream(storage, CallContext.context(), (ServerCallStreamObserver<SerializedEventWithToken>) response, readers);
    }

    /*
     * On the wire Axon Server answers GetFirstToken and GetTokenAt with the index of the first event to
     * read (0 for the first event of the store) and the client subtracts one, so that a processor
     * starting there reads that event first; GetLastToken is the index of the newest event itself.
     */

    @Override
    public void getFirstToken(GetFirstTokenRequest request, StreamObserver<TrackingToken> response) {
        answer(response, () -> token(0));
    }

    @Override
    public void getLastToken(GetLastTokenRequest request, StreamObserver<TrackingToken> response) {
        String context = CallContext.context();
        answer(response, () -> token(storage.headToken(context)));
    }

    @Override
    public void getTokenAt(GetTokenAtRequest request, StreamObserver<TrackingToken> response) {
        String context = CallContext.context();
        answerFromReader(response, () -> token(storage.firstTokenAt(context, request.getInstant())));
    }

    @Override
    public StreamObserver<QueryEventsRequest> queryEvents(StreamObserver<QueryEventsResponse> response) {
        response.onError(AxonErrorCode.UNSUPPORTED_INSTRUCTION.exception(Status.UNIMPLEMENTED,
                "Ad-hoc event queries (QueryEvents) are not supported by this node"));
        return new StreamObserver<>() {
            @Override
            public void onNext(QueryEventsRequest request) {
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onCompleted() {
            }
        };
    }

    @Override
    public void destroy() {
        readers.shutdownNow();
    }

    private static TrackingToken token(long token) {
        return TrackingToken.newBuilder().setToken(token).build();
    }

    /** Answers from a reader thread: the gRPC callbacks run on Netty's event loop, which must not wait for PostgreSQL. */
    private <T> void answerFromReader(StreamObserver<T> response, Supplier<T> answer) {
        readers.execute(() -> answer(response, answer));
    }

    /**
     * Where an append is committed: a task on the Netty event loop that delivered it, which runs once
     * the loop has handled everything it read from the socket. So the appends that arrived together
     * are committed together, by the thread that received them, with no hand-off to another thread;
     * the appends that arrive during that commit form the next group. Off an event loop (never, with
     * the node's direct executor) the append commits on the calling thread.
     */
    private static Executor commitAfterTheCurrentRead() {
        Executor eventLoop = ThreadExecutorMap.currentExecutor();
        return eventLoop != null ? eventLoop : Runnable::run;
    }

    private static <T> void answer(StreamObserver<T> response, Supplier<T> answer) {
        T value;
        try {
            value = answer.get();
        } catch (RuntimeException e) {
            response.onError(AxonServerErrors.readFailed(e));
            return;
        }
        response.onNext(value);
        response.onCompleted();
    }

    private static final class ReaderThreads implements java.util.concurrent.ThreadFactory {

        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "event-reader-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
