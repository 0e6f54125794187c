package dev.bazaar.axonserver.grpc;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's side of a gRPC stream that several threads write to (a caller's dispatch thread, a handler's
 * response, a timeout). gRPC observers are not thread-safe, so every write goes through here; writes after
 * the stream ended, or after the peer went away, are dropped instead of throwing.
 */
public final class OutboundStream<T> {

    private static final Logger log = LoggerFactory.getLogger(OutboundStream.class);

    private final StreamObserver<T> observer;
    private boolean closed;

    public OutboundStream(StreamObserver<T> observer) {
        this.observer = observer;
    }

    /** Runs {@code onCancel} when the peer cancels the call or disconnects. */
    public void onCancel(Runnable onCancel) {
        if (observer instanceof ServerCallStreamObserver<T> serverObserver) {
            serverObserver.setOnCancelHandler(() -> {
                markClosed();
                onCancel.run();
            });
        }
    }

    public synchronized void send(T message) {
        if (closed) {
            return;
        }
        try {
            observer.onNext(message);
        } catch (RuntimeException e) {
            log.debug("Dropping a message for a stream that went away", e);
            closed = true;
        }
    }

    public synchronized void complete() {
        if (!closed) {
            closed = true;
            try {
                observer.onCompleted();
            } catch (RuntimeException e) {
                log.debug("Stream went away before it could be completed", e);
            }
        }
    }

    private synchronized void markClosed() {
        closed = true;
    }
}
