package dev.bazaar.axonserver.grpc;

import io.grpc.Context;
import io.grpc.Metadata;

/**
 * What every gRPC call carries besides its message: the Axon Server context it addresses
 * ({@code AxonIQ-Context}, {@code default} when absent). Services read it with {@link #context()}.
 */
public final class CallContext {

    public static final String DEFAULT_CONTEXT = "default";
    public static final Metadata.Key<String> CONTEXT_HEADER = Metadata.Key.of("AxonIQ-Context", Metadata.ASCII_STRING_MARSHALLER);
    public static final Metadata.Key<String> TOKEN_HEADER = Metadata.Key.of("AxonIQ-Access-Token", Metadata.ASCII_STRING_MARSHALLER);

    static final Context.Key<String> CONTEXT = Context.key("axoniq-context");

    private CallContext() {
    }

    /** The context of the current call; valid on the thread that runs the service method. */
    public static String context() {
        String context = CONTEXT.get();
        return context == null ? DEFAULT_CONTEXT : context;
    }
}
