package dev.bazaar.command.web;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Sends a command for a REST request and waits, for a bounded time, for its result. A failure is
 * rethrown as the handler's own exception (or Axon's wrapper of it) for {@link ProblemResponses}.
 */
@Component
public class Commands {

    private final CommandGateway gateway;
    private final Duration timeout;

    Commands(CommandGateway gateway, @Value("${bazaar.commands.timeout:10s}") Duration timeout) {
        this.gateway = gateway;
        this.timeout = timeout;
    }

    /** Sends a creation command: the new aggregate is at version 0. */
    public Versioned create(Object id, Object command) {
        await(command);
        return Versioned.created(id);
    }

    /** Sends a command to an existing aggregate, whose handler answers the aggregate's new version. */
    public Versioned change(Object id, Object command) {
        Object version = await(command);
        return new Versioned(id.toString(), ((Number) version).longValue());
    }

    private Object await(Object command) {
        try {
            return gateway.send(command).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable failure = e.getCause();
            while (failure instanceof CompletionException && failure.getCause() != null) {
                failure = failure.getCause();
            }
            throw failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
        } catch (TimeoutException e) {
            throw new CommandTimeout(command);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandTimeout(command);
        }
    }
}
