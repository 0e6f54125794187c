package dev.bazaar.axonserver.grpc;

import io.axoniq.axonserver.grpc.command.CommandProviderInbound;
import io.axoniq.axonserver.grpc.control.PlatformOutboundInstruction;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.axonframework.axonserver.connector.AxonServerConfiguration;
import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * A client application built the way Axon Framework builds one: {@link DefaultConfigurer} with the Axon Server
 * connector found on the classpath (AxonServerCommandBus, AxonServerQueryBus, processor reporting), its own
 * component name, client id and gRPC connection. Events stay in memory: these tests are about routing.
 */
public final class AxonClientApplication implements AutoCloseable {

    private final Configuration configuration;
    private final String clientId;
    private final CallRecorder calls;

    private AxonClientApplication(Configuration configuration, String clientId, CallRecorder calls) {
        this.configuration = configuration;
        this.clientId = clientId;
        this.calls = calls;
    }

    public static Builder named(String componentName) {
        return new Builder(componentName);
    }

    public String clientId() {
        return clientId;
    }

    public CommandGateway commandGateway() {
        return configuration.commandGateway();
    }

    public QueryGateway queryGateway() {
        return configuration.queryGateway();
    }

    public QueryUpdateEmitter updateEmitter() {
        return configuration.queryUpdateEmitter();
    }

    public Configuration configuration() {
        return configuration;
    }

    /** How many commands the node has sent this application to handle. */
    public int commandsReceived() {
        return calls.commandsReceived.get();
    }

    /** How many calls of the given gRPC method ({@code service/method}) this application has started. */
    public long callsStarted(String fullMethodName) {
        return calls.started.stream().filter(fullMethodName::equals).count();
    }

    /** How many acknowledgements the node has sent this application on its platform (control) streams. */
    public int platformAcknowledgements() {
        return calls.platformAcks.get();
    }

    /** Every gRPC call of this application that the node ended with an error, oldest first. */
    public List<FailedCall> failedCalls() {
        return List.copyOf(calls.failures);
    }

    /** Cuts every gRPC call of this application at once, the way the node sees a process that died. */
    public void crash() {
        calls.cancelAll();
    }

    @Override
    public void close() {
        configuration.shutdown();
    }

    public static final class Builder {

        private final String componentName;
        private final List<Object> commandHandlers = new ArrayList<>();
        private final List<Object> queryHandlers = new ArrayList<>();
        private final List<Consumer<Configurer>> customizations = new ArrayList<>();
        private String token;
        private String context = "default";
        private int commandPermits;
        private long heartbeatMillis;

        private Builder(String componentName) {
            this.componentName = componentName;
        }

        public Builder token(String token) {
            this.token = token;
            return this;
        }

        /** The Axon Server context the application works in ({@code default} unless set). */
        public Builder context(String context) {
            this.context = context;
            return this;
        }

        /** How many commands the application lets the server send it before it grants more (the client's minimum is 16). */
        public Builder commandPermits(int permits) {
            this.commandPermits = permits;
            return this;
        }

        /** Heartbeats every {@code millis}, each to be acknowledged within the same time (Axon's default: 10 s and 7.5 s). */
        public Builder heartbeatEvery(long millis) {
            this.heartbeatMillis = millis;
            return this;
        }

        public Builder commandHandler(Object handler) {
            commandHandlers.add(handler);
            return this;
        }

        public Builder queryHandler(Object handler) {
            queryHandlers.add(handler);
            return this;
        }

        public Builder configure(Consumer<Configurer> customization) {
            customizations.add(customization);
            return this;
        }

        public AxonClientApplication connectTo(String grpcAddress) {
            String clientId = componentName + "-" + UUID.randomUUID().toString().substring(0, 8);
            AxonServerConfiguration.Builder server = AxonServerConfiguration.builder()
                    .servers(grpcAddress)
                    .componentName(componentName)
                    .clientId(clientId)
                    .context(context)
                    .suppressDownloadMessage();
            if (commandPermits > 0) {
                server.commandFlowControl(commandPermits, commandPermits / 4, commandPermits / 4);
            }
            if (token != null) {
                server.token(token);
            }
            AxonServerConfiguration serverConfiguration = server.build();
            if (heartbeatMillis > 0) {
                serverConfiguration.getHeartbeat().setInterval(heartbeatMillis);
                serverConfiguration.getHeartbeat().setTimeout(heartbeatMillis);
            }
            CallRecorder calls = new CallRecorder();
            Configurer configurer = DefaultConfigurer.defaultConfiguration()
                    .configureSerializer(c -> JacksonSerializer.defaultSerializer())
                    .configureMessageSerializer(c -> JacksonSerializer.defaultSerializer())
                    .configureEventSerializer(c -> JacksonSerializer.defaultSerializer())
                    .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                    .registerComponent(AxonServerConfiguration.class, c -> serverConfiguration)
                    .registerComponent(AxonServerConnectionManager.class, c -> AxonServerConnectionManager.builder()
                            .axonServerConfiguration(serverConfiguration)
                            .channelCustomizer(channel -> channel.intercept(calls))
                            .build());
            commandHandlers.forEach(handler -> configurer.registerCommandHandler(c -> handler));
            queryHandlers.forEach(handler -> configurer.registerQueryHandler(c -> handler));
            customizations.forEach(customization -> customization.accept(configurer));
            return new AxonClientApplication(configurer.start(), clientId, calls);
        }
    }

    /**
     * A call the node ended with an error, as the client received it.
     *
     * @param errorCode the {@code AxonIQ-ErrorCode} trailer, null when there was none
     */
    public record FailedCall(String method, Status.Code status, String description, String errorCode) {
    }

    /** Remembers the application's gRPC calls so that {@link #crash()} can cut them, and how failed calls ended. */
    private static final class CallRecorder implements ClientInterceptor {

        private static final Metadata.Key<String> ERROR_CODE = Metadata.Key.of("AxonIQ-ErrorCode", Metadata.ASCII_STRING_MARSHALLER);

        private final Queue<ClientCall<?, ?>> calls = new ConcurrentLinkedQueue<>();
        private final Queue<FailedCall> failures = new ConcurrentLinkedQueue<>();
        private final AtomicInteger commandsReceived = new AtomicInteger();
        private final AtomicInteger platformAcks = new AtomicInteger();
        private final Queue<String> started = new ConcurrentLinkedQueue<>();

        @Override
        public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
            ClientCall<Q, R> call = new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
                @Override
                public void start(Listener<R> listener, Metadata headers) {
                    started.add(method.getFullMethodName());
                    super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                        @Override
                        public void onMessage(R message) {
                            if (message instanceof CommandProviderInbound inbound && inbound.hasCommand()) {
                                commandsReceived.incrementAndGet();
                            }
                            if (message instanceof PlatformOutboundInstruction instruction && instruction.hasAck()) {
                                platformAcks.incrementAndGet();
                            }
                            super.onMessage(message);
                        }

                        @Override
                        public void onClose(Status status, Metadata trailers) {
                            if (!status.isOk()) {
                                failures.add(new FailedCall(method.getFullMethodName(), status.getCode(),
                                        status.getDescription(), trailers.get(ERROR_CODE)));
                            }
                            super.onClose(status, trailers);
                        }
                    }, headers);
                }
            };
            calls.add(call);
            return call;
        }

        void cancelAll() {
            ClientCall<?, ?> call;
            while ((call = calls.poll()) != null) {
                call.cancel("client application crashed", null);
            }
        }
    }
}
