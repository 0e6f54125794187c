package dev.bazaar.axonserver.grpc;

import dev.bazaar.axonserver.NodeProperties;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * With an access token configured, refuses every call that does not carry it, exactly as Axon Server does:
 * status PERMISSION_DENIED, the error code in the {@code AxonIQ-ErrorCode} trailer, {@code AXONIQ-1000}
 * "Token missing" without a token and {@code AXONIQ-1001} "Invalid token for &lt;method&gt;" with a wrong one.
 * The Axon client treats such a refusal as a failed connection and keeps retrying.
 */
class AccessTokenInterceptor implements ServerInterceptor {

    private final NodeProperties properties;

    AccessTokenInterceptor(NodeProperties properties) {
        this.properties = properties;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        if (!properties.accessControlEnabled()) {
            return next.startCall(call, headers);
        }
        String presented = headers.get(CallContext.TOKEN_HEADER);
        if (presented == null) {
            return refuse(call, AxonErrorCode.AUTHENTICATION_TOKEN_MISSING, "Token missing");
        }
        if (!matches(presented)) {
            return refuse(call, AxonErrorCode.AUTHENTICATION_INVALID_TOKEN,
                    "Invalid token for " + call.getMethodDescriptor().getFullMethodName());
        }
        return next.startCall(call, headers);
    }

    private static <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, AxonErrorCode code, String description) {
        call.close(Status.PERMISSION_DENIED.withDescription(description), code.trailers());
        return new ServerCall.Listener<>() {
        };
    }

    private boolean matches(String presented) {
        return MessageDigest.isEqual(
                presented.getBytes(StandardCharsets.UTF_8), properties.accessToken().getBytes(StandardCharsets.UTF_8));
    }
}
