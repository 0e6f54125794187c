package dev.bazaar.axonserver.eventstore;

import dev.bazaar.axonserver.storage.InvalidSequenceException;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.CompletionException;

/**
 * Errors as Axon Server reports them: a gRPC status whose description starts with the error code in
 * brackets, and the code itself in the {@code AxonIQ-ErrorCode} trailer, which is where the Axon
 * client reads it from.
 */
final class AxonServerErrors {

    static final Metadata.Key<String> ERROR_CODE = Metadata.Key.of("AxonIQ-ErrorCode", Metadata.ASCII_STRING_MARSHALLER);

    static final String INVALID_SEQUENCE = "AXONIQ-2000";
    static final String UNSUPPORTED_INSTRUCTION = "AXONIQ-1002";
    static final String DATAFILE_READ_ERROR = "AXONIQ-9000";
    static final String DATAFILE_WRITE_ERROR = "AXONIQ-9001";

    private AxonServerErrors() {
    }

    static StatusRuntimeException error(Status status, String errorCode, String message) {
        Metadata trailers = new Metadata();
        trailers.put(ERROR_CODE, errorCode);
        return status.withDescription("[" + errorCode + "] " + message).asRuntimeException(trailers);
    }

    static StatusRuntimeException appendFailed(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof InvalidSequenceException) {
            return error(Status.OUT_OF_RANGE, INVALID_SEQUENCE, cause.getMessage());
        }
        return error(Status.INTERNAL, DATAFILE_WRITE_ERROR, String.valueOf(cause.getMessage()));
    }

    static StatusRuntimeException readFailed(Throwable failure) {
        return error(Status.INTERNAL, DATAFILE_READ_ERROR, String.valueOf(failure.getMessage()));
    }
}
