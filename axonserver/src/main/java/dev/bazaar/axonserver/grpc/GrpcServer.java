package dev.bazaar.axonserver.grpc;

import dev.bazaar.axonserver.NodeProperties;
import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The gRPC endpoint Axon clients connect to. Every {@link BindableService} bean (the node's
 * PlatformService, EventStore, CommandService and QueryService) is served behind the interceptors
 * that read the call's context and check its access token.
 *
 * <p>Calls are handled on Netty's event loops ({@code directExecutor}): otherwise every call is handed
 * to a pool thread that must wake up first, and on two busy cores each such hand-off adds scheduling
 * delay to an append's latency. So the services never block in a callback: routing commands and
 * queries is done in memory, and the event store hands its PostgreSQL reads to threads of its own
 * (its appends' commit is the one deliberate exception, see {@code EventStoreService}).
 */
@Component
public class GrpcServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GrpcServer.class);

    private final NodeProperties properties;
    private final List<BindableService> services;
    private volatile Server server;

    GrpcServer(NodeProperties properties, List<BindableService> services) {
        this.properties = properties;
        this.services = services;
    }

    @Override
    public void start() {
        NettyServerBuilder builder = NettyServerBuilder.forPort(properties.grpcPort())
                .directExecutor()
                .maxInboundMessageSize(16 * 1024 * 1024)
                .permitKeepAliveWithoutCalls(true)
                .permitKeepAliveTime(1, TimeUnit.SECONDS);
        for (BindableService service : services) {
            builder.addService(ServerInterceptors.intercept(service,
                    new CallContextInterceptor(), new AccessTokenInterceptor(properties)));
        }
        try {
            server = builder.build().start();
        } catch (IOException e) {
            throw new UncheckedIOException("gRPC port " + properties.grpcPort() + " is not free", e);
        }
        log.info("Axon Server node '{}' accepts gRPC on port {}", properties.name(), server.getPort());
    }

    @Override
    public void stop() {
        Server running = server;
        if (running != null) {
            running.shutdown();
            try {
                if (!running.awaitTermination(5, TimeUnit.SECONDS)) {
                    running.shutdownNow();
                }
            } catch (InterruptedException e) {
                running.shutdownNow();
                Thread.currentThread().interrupt();
            }
            server = null;
        }
    }

    /**
     * Before the web server (whose phase is {@code DEFAULT_PHASE - 2048}): the HTTP health endpoint
     * must not answer UP while Axon clients still cannot connect; and on shutdown gRPC stops last.
     */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    /** The port actually bound (useful when 0 asked for a free one). */
    public int port() {
        Server running = server;
        if (running == null) {
            throw new IllegalStateException("The gRPC server is not running");
        }
        return running.getPort();
    }
}
