package dev.bazaar.command.rules;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * Wraps what a command handler throws into a {@link CommandExecutionException} whose details say
 * which kind of failure it was, so that the sender can tell "unknown aggregate" from "broken rule"
 * even when the command crossed Axon Server (which passes on only a message and details).
 */
public class FailureDetails implements MessageHandlerInterceptor<CommandMessage<?>> {

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        try {
            return chain.proceed();
        } catch (CommandExecutionException e) {
            throw e;
        } catch (RuleViolation e) {
            throw failure(FailureKind.CONFLICT, e);
        } catch (AggregateNotFoundException e) {
            throw new CommandExecutionException(notFound(e), e, new CommandFailure(FailureKind.NOT_FOUND, notFound(e)));
        } catch (ConcurrencyException | AggregateStreamCreationException e) {
            throw failure(FailureKind.CONFLICT, e);
        } catch (IllegalArgumentException e) {
            throw failure(FailureKind.INVALID, e);
        }
    }

    /** What to tell a caller whose command named an aggregate that does not exist. */
    public static String notFound(AggregateNotFoundException e) {
        return "Nothing exists with id " + e.getAggregateIdentifier();
    }

    private static CommandExecutionException failure(FailureKind kind, RuntimeException cause) {
        return new CommandExecutionException(cause.getMessage(), cause, new CommandFailure(kind, cause.getMessage()));
    }
}
