package dev.bazaar.axonserver.grpc;

import io.axoniq.axonserver.grpc.ErrorMessage;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * The Axon Server error codes this node answers with. The client maps the code, not the text, to the
 * framework's exception (AXONIQ-4000 to NoHandlerForCommandException, AXONIQ-5000 to NoHandlerForQueryException).
 */
public enum AxonErrorCode {

    AUTHENTICATION_TOKEN_MISSING("AXONIQ-1000"),
    AUTHENTICATION_INVALID_TOKEN("AXONIQ-1001"),
    UNSUPPORTED_INSTRUCTION("AXONIQ-1002"),
    INVALID_SEQUENCE("AXONIQ-2000"),
    NO_HANDLER_FOR_COMMAND("AXONIQ-4000"),
    CONNECTION_TO_HANDLER_LOST("AXONIQ-4001"),
    NO_HANDLER_FOR_QUERY("AXONIQ-5000"),
    DATAFILE_READ_ERROR("AXONIQ-9000"),
    DATAFILE_WRITE_ERROR("AXONIQ-9100");

    static final Metadata.Key<String> TRAILER = Metadata.Key.of("AxonIQ-ErrorCode", Metadata.ASCII_STRING_MARSHALLER);

    private final String code;

    AxonErrorCode(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** An error as it travels inside a response message; {@code location} names the node, as Axon Server does. */
    public ErrorMessage message(String text, String location) {
        return ErrorMessage.newBuilder().setErrorCode(code).setMessage(text).setLocation(location).build();
    }

    /** A refusal as Axon Server sends it: the status, {@code [code] message}, and the code in the trailer. */
    public StatusRuntimeException exception(Status status, String message) {
        return status.withDescription("[" + code + "] " + message).asRuntimeException(trailers());
    }

    Metadata trailers() {
        Metadata trailers = new Metadata();
        trailers.put(TRAILER, code);
        return trailers;
    }
}
