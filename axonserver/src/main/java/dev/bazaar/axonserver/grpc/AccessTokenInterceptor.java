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
 * With an access token configured, refuses every call that does not carry it. The refusal's shape
 * (status and error code) is Axon Server's, so that the client reports it the same way.
 */
class AccessTokenInterceptor implements ServerInterceptor {

    static final Metadata.Key<String> ERROR_CODE = Metadata.Key.of("AxonIQ-ErrorCode", Metadata.ASCII_STRING_MARSHALLER);

    private final NodeProperties properties;

    AccessTokenInterceptor(NodeProperties properties) {
        this.properties = properties;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        if (!properties.accessControlEnabled() || matches(headers.get(CallContext.TOKEN_HEADER))) {
            return next.startCall(call, headers);
        }
        Metadata trailers = new Metadata();
        trailers.put(ERROR_CODE, "AXONIQ-1001");
        call.close(Status.PERMISSION_DENIED.withDescription("[AXONIQ-1001] Invalid token"), trailers);
        return new ServerCall.Listener<>() {
        };
    }

    private boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(
                presented.getBytes(StandardCharsets.UTF_8), properties.accessToken().getBytes(StandardCharsets.UTF_8));
    }
}
