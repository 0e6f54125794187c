package dev.bazaar.axonserver.eventstore;

import dev.bazaar.axonserver.grpc.AxonErrorCode;
import dev.bazaar.axonserver.grpc.CallContext;
import dev.bazaar.axonserver.storage.EventStorage;
import dev.bazaar.axonserver.storage.StoredEvent;
import io.axoniq.axonserver.grpc.event.Confirmation;
import io.axoniq.axonserver.grpc.event.Event;
import io.axoniq.axonserver.grpc.event.EventStoreGrpc;
import io.axoniq.axonserver.grpc.event.EventWithToken;
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
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
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
class EventStoreService extends EventStoreGrpc.EventStoreImplBase implements DisposableBean {

    private static final Confirmation STORED = Confirmation.newBuilder().setSuccess(true).build();

    private final EventStorage storage;
    private final ExecutorService streams = Executors.newCachedThreadPool(new StreamThreads());

    EventStoreService(EventStorage storage) {
        this.storage = storage;
    }

    @Override
    public StreamObserver<Event> appendEvent(StreamObserver<Confirmation> response) {
        String context = CallContext.context();
        return new StreamObserver<>() {
            private final List<StoredEvent> events = new ArrayList<>();

            @Override
            public void onNext(Event event) {
                events.add(EventMapping.stored(event));
            }

            @Override
            public void onError(Throwable t) {
                events.clear();
            }

            @Override
            public void onCompleted() {
                storage.append(context, events).whenComplete((stored, failure) -> {
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
        answer(response, () -> {
            storage.storeSnapshot(context, EventMapping.storedSnapshot(snapshot));
            return STORED;
        });
    }

    @Override
    public void listAggregateEvents(GetAggregateEventsRequest request, StreamObserver<Event> response) {
        String context = CallContext.context();
        String aggregateId = request.getAggregateId();
        long last = request.getMaxSequence() > 0 ? request.getMaxSequence() : Long.MAX_VALUE;
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
        try {
            storage.snapshots(context, request.getAggregateId(), request.getInitialSequence(), last, maxResults)
                    .forEach(snapshot -> response.onNext(EventMapping.event(snapshot)));
            response.onCompleted();
        } catch (RuntimeException e) {
            response.onError(AxonServerErrors.readFailed(e));
        }
    }

    @Override
    public void readHighestSequenceNr(ReadHighestSequenceNrRequest request, StreamObserver<ReadHighestSequenceNrResponse> response) {
        String context = CallContext.context();
        answer(response, () -> ReadHighestSequenceNrResponse.newBuilder()
                .setToSequenceNr(storage.highestSequence(context, request.getAggregateId())).build());
    }

    @Override
    public StreamObserver<GetEventsRequest> listEvents(StreamObserver<EventWithToken> response) {
        return new TrackingEventStream(storage, CallContext.context(), (ServerCallStreamObserver<EventWithToken>) response, streams);
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
        answer(response, () -> token(storage.firstTokenAt(context, request.getInstant())));
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
        streams.shutdownNow();
    }

    private static TrackingToken token(long token) {
        return TrackingToken.newBuilder().setToken(token).build();
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

    private static final class StreamThreads implements java.util.concurrent.ThreadFactory {

        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "event-stream-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
