package dev.bazaar.axonserver.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

/** Puts the call's {@code AxonIQ-Context} header where {@link CallContext#context()} finds it. */
class CallContextInterceptor implements ServerInterceptor {

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String context = headers.get(CallContext.CONTEXT_HEADER);
        if (context == null || context.isBlank()) {
            context = CallContext.DEFAULT_CONTEXT;
        }
        return Contexts.interceptCall(Context.current().withValue(CallContext.CONTEXT, context), call, headers, next);
    }
}
