package dev.bazaar.axonserver.eventstore;

import dev.bazaar.axonserver.storage.InvalidSequenceException;
import dev.bazaar.axonserver.grpc.AxonErrorCode;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.CompletionException;

/**
 * Errors as Axon Server reports them: a gRPC status whose description starts with the error code in
 * brackets, and the code itself in the {@code AxonIQ-ErrorCode} trailer, which is where the Axon
 * client reads it from.
 */
final class AxonServerErrors {

    private AxonServerErrors() {
    }

    static StatusRuntimeException appendFailed(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof InvalidSequenceException) {
            return AxonErrorCode.INVALID_SEQUENCE.exception(Status.OUT_OF_RANGE, cause.getMessage());
        }
        return AxonErrorCode.DATAFILE_WRITE_ERROR.exception(Status.INTERNAL, String.valueOf(cause.getMessage()));
    }

    static StatusRuntimeException readFailed(Throwable failure) {
        return AxonErrorCode.DATAFILE_READ_ERROR.exception(Status.INTERNAL, String.valueOf(failure.getMessage()));
    }
}
