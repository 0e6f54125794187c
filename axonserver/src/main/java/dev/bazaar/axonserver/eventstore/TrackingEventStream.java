package dev.bazaar.axonserver.eventstore;

import dev.bazaar.axonserver.storage.EventStorage;
import dev.bazaar.axonserver.storage.StoredEvent;
import io.axoniq.axonserver.grpc.event.GetEventsRequest;
import io.axoniq.axonserver.grpc.event.PayloadDescription;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ListEvents call: sends the context's events from the requested token on, never more than the
 * client has granted permits for, skipping the payload types the client blacklisted. It reads pages
 * (from memory near the head, else from PostgreSQL) on a pool thread while it has permits and events
 * to send, then stops; a commit or a permit grant wakes it again, so a caught-up stream costs
 * nothing and a new event is sent as soon as it is committed. Pages are as large as is efficient to
 * read, not as the permits: the rest of a page waits in memory for the next grant.
 */
final class TrackingEventStream implements StreamObserver<GetEventsRequest> {

    private static final Logger log = LoggerFactory.getLogger(TrackingEventStream.class);
    private static final int PAGE = 1_000;

    private final EventStorage storage;
    private final String context;
    private final ServerCallStreamObserver<SerializedEventWithToken> client;
    private final Executor executor;
    private final AtomicLong permits = new AtomicLong();
    private final AtomicBoolean draining = new AtomicBoolean();
    private volatile Set<String> blacklist = Set.of();
    private volatile boolean open;
    private volatile boolean closed;
    private volatile long nextToken;
    private List<StoredEvent> page = List.of();
    private int sent;
    private Runnable stopListening = () -> { };

    TrackingEventStream(EventStorage storage, String context, ServerCallStreamObserver<SerializedEventWithToken> client, Executor executor) {
        this.storage = storage;
        this.context = context;
        this.client = client;
        this.executor = executor;
        client.setOnCancelHandler(this::close);
    }

    @Override
    public void onNext(GetEventsRequest request) {
        synchronized (this) {
            if (!open && !closed) {
                nextToken = Math.max(0, request.getTrackingToken());
                stopListening = storage.onCommit(context, this::wake);
                open = true;
            }
        }
        if (request.getBlacklistCount() > 0) {
            Set<String> extended = new HashSet<>(blacklist);
            for (PayloadDescription payload : request.getBlacklistList()) {
                extended.add(key(payload.getType(), payload.getRevision()));
            }
            blacklist = Set.copyOf(extended);
        }
        permits.addAndGet(request.getNumberOfPermits());
        wake();
    }

    @Override
    public void onError(Throwable t) {
        close();
    }

    @Override
    public void onCompleted() {
        close();
        synchronized (this) {
            client.onCompleted();
        }
    }

    private void wake() {
        if (open && !closed && draining.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    private void drain() {
        try {
            while (!closed && permits.get() > 0) {
                if (sent == page.size()) {
                    page = storage.read(context, nextToken, PAGE);
                    sent = 0;
                    if (page.isEmpty()) {
                        break;
                    }
                    nextToken = page.get(page.size() - 1).token() + 1;
                }
                sendFromPage();
            }
        } catch (RuntimeException e) {
            log.warn("Tracking stream of context {} failed at token {}", context, nextToken, e);
            close();
            synchronized (this) {
                client.onError(AxonServerErrors.readFailed(e));
            }
            return;
        } finally {
            draining.set(false);
        }
        if (!closed && permits.get() > 0 && (sent < page.size() || nextToken <= storage.headToken(context))) {
            wake();
        }
    }

    private synchronized void sendFromPage() {
        Set<String> skipped = blacklist;
        while (sent < page.size() && permits.get() > 0 && !closed) {
            StoredEvent event = page.get(sent++);
            if (skipped.isEmpty() || !skipped.contains(key(event.payloadType(), event.payloadRevision()))) {
                client.onNext(new SerializedEventWithToken(event.token(), event.data()));
                permits.decrementAndGet();
            }
        }
    }

    private void close() {
        closed = true;
        synchronized (this) {
            stopListening.run();
        }
    }

    private static String key(String type, String revision) {
        return type + '\u0000' + revision;
    }
}
