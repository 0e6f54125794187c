package dev.bazaar.axonserver.commands;

import dev.bazaar.axonserver.NodeProperties;
import dev.bazaar.axonserver.grpc.AxonErrorCode;
import dev.bazaar.axonserver.grpc.CallContext;
import dev.bazaar.axonserver.grpc.OutboundStream;
import io.axoniq.axonserver.grpc.InstructionAck;
import io.axoniq.axonserver.grpc.ProcessingKey;
import io.axoniq.axonserver.grpc.command.Command;
import io.axoniq.axonserver.grpc.command.CommandProviderInbound;
import io.axoniq.axonserver.grpc.command.CommandProviderOutbound;
import io.axoniq.axonserver.grpc.command.CommandResponse;
import io.axoniq.axonserver.grpc.command.CommandServiceGrpc;
import io.axoniq.axonserver.grpc.command.CommandSubscription;
import io.grpc.stub.StreamObserver;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Axon Server's CommandService. Handlers subscribe over their command stream; Dispatch routes each command to
 * one of them by routing key and answers with the handler's response, or with Axon Server's in-band
 * "no handler" error ({@code AXONIQ-4000}) that the client turns into NoHandlerForCommandException.
 */
@Component
class CommandGrpcService extends CommandServiceGrpc.CommandServiceImplBase {

    private final CommandRouter router;
    private final String nodeName;

    CommandGrpcService(CommandRouter router, NodeProperties properties) {
        this.router = router;
        this.nodeName = properties.name();
    }

    @Override
    public void dispatch(Command command, StreamObserver<CommandResponse> responseObserver) {
        String context = CallContext.context();
        Command routed = command.getMessageIdentifier().isEmpty()
                ? command.toBuilder().setMessageIdentifier(UUID.randomUUID().toString()).build()
                : command;
        OutboundStream<CommandResponse> caller = new OutboundStream<>(responseObserver);
        String routingKey = routingKey(routed);
        Optional<CommandHandlerStream> handler = router.select(context, routed.getName(), routingKey);
        // a handler picked just as its stream ends refuses the command; the next pick no longer sees it
        while (handler.isPresent() && !handler.get().dispatch(routed, caller)) {
            router.unsubscribeAll(handler.get());
            handler = router.select(context, routed.getName(), routingKey);
        }
        if (handler.isEmpty()) {
            caller.send(CommandResponse.newBuilder()
                    .setMessageIdentifier(UUID.randomUUID().toString())
                    .setRequestIdentifier(routed.getMessageIdentifier())
                    .setErrorCode(AxonErrorCode.NO_HANDLER_FOR_COMMAND.code())
                    .setErrorMessage(AxonErrorCode.NO_HANDLER_FOR_COMMAND.message("No Handler for command: " + routed.getName(), nodeName))
                    .build());
            caller.complete();
        }
    }

    @Override
    public StreamObserver<CommandProviderOutbound> openStream(StreamObserver<CommandProviderInbound> responseObserver) {
        OutboundStream<CommandProviderInbound> outbound = new OutboundStream<>(responseObserver);
        CommandHandlerStream handler = new CommandHandlerStream(CallContext.context(), outbound, nodeName);
        return new StreamObserver<>() {
            @Override
            public void onNext(CommandProviderOutbound message) {
                switch (message.getRequestCase()) {
                    case SUBSCRIBE -> {
                        CommandSubscription subscription = message.getSubscribe();
                        handler.identify(subscription.getClientId(), subscription.getComponentName());
                        router.subscribe(subscription.getCommand(), handler, subscription.getLoadFactor());
                    }
                    case UNSUBSCRIBE -> router.unsubscribe(message.getUnsubscribe().getCommand(), handler);
                    case FLOW_CONTROL -> {
                        handler.identify(message.getFlowControl().getClientId(), "");
                        handler.grant(message.getFlowControl().getPermits());
                    }
                    case COMMAND_RESPONSE -> handler.answer(message.getCommandResponse());
                    default -> {
                        // the client's acknowledgements of our messages need no answer
                    }
                }
                if (!message.getInstructionId().isEmpty()) {
                    outbound.send(CommandProviderInbound.newBuilder()
                            .setAck(InstructionAck.newBuilder().setInstructionId(message.getInstructionId()).setSuccess(true))
                            .build());
                }
            }

            @Override
            public void onError(Throwable t) {
                ended();
            }

            @Override
            public void onCompleted() {
                ended();
            }

            private void ended() {
                router.unsubscribeAll(handler);
                handler.close();
            }
        };
    }

    private static String routingKey(Command command) {
        return command.getProcessingInstructionsList().stream()
                .filter(instruction -> instruction.getKey() == ProcessingKey.ROUTING_KEY)
                .map(instruction -> instruction.getValue().getTextValue())
                .filter(key -> !key.isEmpty())
                .findFirst()
                .orElse(command.getMessageIdentifier());
    }
}
