package dev.bazaar.command.rules;

import org.axonframework.axonserver.connector.command.CommandPriorityCalculator;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Commands someone is waiting for go before the commands this service sends in reaction to events.
 *
 * <p>The order saga sends the commands of a whole batch of events at once (see {@code OrderSaga}),
 * up to 16 per segment on 8 segments, and they arrive at the same {@code CommandProcessor} threads
 * (10, Axon's default) as the commands of REST requests. In arrival order a request's command waited
 * behind a whole batch of reservations: with that change, every REST command got slower alike, p50
 * 9 to 22 ms at 100 commands/s, though the command-side used less CPU per command (bench/README.md).
 *
 * <p>Axon Server carries a command's priority to the handling instance, whose command queue serves
 * higher priorities first ({@link CommandPriorityCalculator}, as a real Axon Server also queues by
 * it). A command dispatched while an event is being handled is a reaction, lower; every other one
 * (a request's, outside any unit of work) comes first. Reactions are not starved beyond what the
 * requests themselves take: they keep their order among themselves, and the saga's own bound on
 * waiting (8 s) sends one again if it goes unanswered.
 */
@Configuration(proxyBeanMethods = false)
class RequestsBeforeReactions {

    static final int REQUEST = 1;
    static final int REACTION = 0;

    @Bean
    CommandPriorityCalculator commandPriorityCalculator() {
        return RequestsBeforeReactions::priorityOf;
    }

    static int priorityOf(CommandMessage<?> command) {
        boolean reactingToEvent = CurrentUnitOfWork.isStarted()
                && CurrentUnitOfWork.get().getMessage() instanceof EventMessage<?>;
        return reactingToEvent ? REACTION : REQUEST;
    }
}
