package dev.bazaar.axonserver.commands;

import dev.bazaar.axonserver.grpc.AxonErrorCode;
import dev.bazaar.axonserver.grpc.OutboundStream;
import io.axoniq.axonserver.grpc.command.Command;
import io.axoniq.axonserver.grpc.command.CommandProviderInbound;
import io.axoniq.axonserver.grpc.command.CommandResponse;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One client's command stream: the commands sent to it and not yet answered, and the permits it granted.
 * A command routed here waits in line until the client has a permit for it, so the client never receives
 * more than it asked for. When the stream ends, every command still waiting or in progress is answered
 * with Axon Server's "connection to handler lost" error, so no caller waits forever.
 */
final class CommandHandlerStream {

    private final String context;
    private final OutboundStream<CommandProviderInbound> outbound;
    private final String nodeName;
    private final Deque<Command> waiting = new ArrayDeque<>();
    private final Map<String, OutboundStream<CommandResponse>> unanswered = new HashMap<>();
    private volatile String clientId = "";
    private volatile String componentName = "";
    private long permits;
    private boolean closed;

    CommandHandlerStream(String context, OutboundStream<CommandProviderInbound> outbound, String nodeName) {
        this.context = context;
        this.outbound = outbound;
        this.nodeName = nodeName;
    }

    void identify(String clientId, String componentName) {
        if (!clientId.isEmpty()) {
            this.clientId = clientId;
        }
        if (!componentName.isEmpty()) {
            this.componentName = componentName;
        }
    }

    String context() {
        return context;
    }

    String clientId() {
        return clientId;
    }

    String componentName() {
        return componentName;
    }

    /** @return false when the stream has already ended, so the caller must pick another handler */
    synchronized boolean dispatch(Command command, OutboundStream<CommandResponse> caller) {
        if (closed) {
            return false;
        }
        unanswered.put(command.getMessageIdentifier(), caller);
        waiting.add(command);
        sendWhilePermitted();
        return true;
    }

    synchronized void grant(long newPermits) {
        permits += newPermits;
        sendWhilePermitted();
    }

    void answer(CommandResponse response) {
        OutboundStream<CommandResponse> caller;
        synchronized (this) {
            caller = unanswered.remove(response.getRequestIdentifier());
        }
        if (caller != null) {
            caller.send(response);
            caller.complete();
        }
    }

    void close() {
        List<Map.Entry<String, OutboundStream<CommandResponse>>> lost;
        synchronized (this) {
            closed = true;
            waiting.clear();
            lost = List.copyOf(unanswered.entrySet());
            unanswered.clear();
        }
        for (Map.Entry<String, OutboundStream<CommandResponse>> command : lost) {
            command.getValue().send(CommandResponse.newBuilder()
                    .setMessageIdentifier(UUID.randomUUID().toString())
                    .setRequestIdentifier(command.getKey())
                    .setErrorCode(AxonErrorCode.CONNECTION_TO_HANDLER_LOST.code())
                    .setErrorMessage(AxonErrorCode.CONNECTION_TO_HANDLER_LOST.message(
                            "Connection lost while executing command on: " + clientId, nodeName))
                    .build());
            command.getValue().complete();
        }
        outbound.complete();
    }

    synchronized int waitingForPermits() {
        return waiting.size();
    }

    private void sendWhilePermitted() {
        while (permits > 0 && !waiting.isEmpty()) {
            permits--;
            outbound.send(CommandProviderInbound.newBuilder().setCommand(waiting.poll()).build());
        }
    }
}
