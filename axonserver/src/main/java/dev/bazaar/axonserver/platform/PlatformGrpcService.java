package dev.bazaar.axonserver.platform;

import dev.bazaar.axonserver.NodeProperties;
import dev.bazaar.axonserver.grpc.CallContext;
import dev.bazaar.axonserver.grpc.GrpcServer;
import dev.bazaar.axonserver.grpc.OutboundStream;
import io.axoniq.axonserver.grpc.InstructionAck;
import io.axoniq.axonserver.grpc.control.ClientIdentification;
import io.axoniq.axonserver.grpc.control.NodeInfo;
import io.axoniq.axonserver.grpc.control.PlatformInboundInstruction;
import io.axoniq.axonserver.grpc.control.PlatformInfo;
import io.axoniq.axonserver.grpc.control.PlatformOutboundInstruction;
import io.axoniq.axonserver.grpc.control.PlatformServiceGrpc;
import io.grpc.stub.StreamObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Axon Server's PlatformService. There is one node, so GetPlatformServer always names this node and tells the
 * client it may keep the connection it asked on. The instruction stream registers the client, acknowledges
 * every instruction that carries an id (heartbeats included: the client's heartbeat monitor waits for that
 * acknowledgement) and keeps the event processor status the client reports for the status page.
 */
@Component
class PlatformGrpcService extends PlatformServiceGrpc.PlatformServiceImplBase {

    private static final Logger log = LoggerFactory.getLogger(PlatformGrpcService.class);

    private final NodeProperties properties;
    private final GrpcServer grpcServer;
    private final Environment environment;
    private final ConnectedClients clients;

    PlatformGrpcService(NodeProperties properties, @Lazy GrpcServer grpcServer, Environment environment, ConnectedClients clients) {
        this.properties = properties;
        this.grpcServer = grpcServer;
        this.environment = environment;
        this.clients = clients;
    }

    @Override
    public void getPlatformServer(ClientIdentification request, StreamObserver<PlatformInfo> responseObserver) {
        NodeInfo node = NodeInfo.newBuilder()
                .setHostName(properties.hostname())
                .setGrpcPort(grpcServer.port())
                .setHttpPort(environment.getProperty("local.server.port", Integer.class, 0))
                .setNodeName(properties.name())
                .build();
        responseObserver.onNext(PlatformInfo.newBuilder().setPrimary(node).setSameConnection(true).build());
        responseObserver.onCompleted();
    }

    @Override
    public StreamObserver<PlatformInboundInstruction> openStream(StreamObserver<PlatformOutboundInstruction> responseObserver) {
        String context = CallContext.context();
        OutboundStream<PlatformOutboundInstruction> outbound = new OutboundStream<>(responseObserver);
        return new StreamObserver<>() {
            private volatile ConnectedClients.ConnectedClient client;

            @Override
            public void onNext(PlatformInboundInstruction instruction) {
                switch (instruction.getRequestCase()) {
                    case REGISTER -> {
                        client = clients.connected(context, instruction.getRegister());
                        log.info("Client '{}' ({}) connected to context '{}'", client.clientId(), client.componentName(), context);
                    }
                    case EVENT_PROCESSOR_INFO -> {
                        if (client != null) {
                            clients.reported(client, instruction.getEventProcessorInfo());
                        }
                    }
                    default -> {
                        // heartbeats, topology subscriptions, acks and results need nothing beyond the ack below
                    }
                }
                if (!instruction.getInstructionId().isEmpty()) {
                    outbound.send(PlatformOutboundInstruction.newBuilder()
                            .setAck(InstructionAck.newBuilder().setInstructionId(instruction.getInstructionId()).setSuccess(true))
                            .build());
                }
            }

            @Override
            public void onError(Throwable t) {
                gone();
            }

            @Override
            public void onCompleted() {
                gone();
                outbound.complete();
            }

            private void gone() {
                if (client != null) {
                    clients.disconnected(client);
                    log.info("Client '{}' disconnected from context '{}'", client.clientId(), context);
                }
            }
        };
    }
}
