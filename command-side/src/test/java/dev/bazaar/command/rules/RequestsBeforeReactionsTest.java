package dev.bazaar.command.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.api.catalog.ProductId;
import dev.bazaar.api.catalog.ReserveStock;
import dev.bazaar.api.ordering.OrderId;
import dev.bazaar.command.ServiceAgainstTheNode;
import org.axonframework.axonserver.connector.command.AxonServerCommandBus;
import org.axonframework.axonserver.connector.command.CommandPriorityCalculator;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.util.ReflectionTestUtils;

class RequestsBeforeReactionsTest extends ServiceAgainstTheNode {

    private static final CommandMessage<ReserveStock> RESERVATION = GenericCommandMessage.asCommandMessage(
            new ReserveStock(ProductId.random(), OrderId.random(), 1));

    @Autowired
    private AxonServerCommandBus commandBus;

    @Test
    void aCommandSentOutsideAnyUnitOfWorkIsARequest() {
        assertThat(RequestsBeforeReactions.priorityOf(RESERVATION)).isEqualTo(RequestsBeforeReactions.REQUEST);
    }

    @Test
    void aCommandSentWhileAnEventIsHandledIsAReactionAndComesAfterRequests() {
        int priority = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("an order was placed"))
                .executeWithResult(() -> RequestsBeforeReactions.priorityOf(RESERVATION)).getPayload();

        assertThat(priority).isEqualTo(RequestsBeforeReactions.REACTION).isLessThan(RequestsBeforeReactions.REQUEST);
    }

    @Test
    void aCommandSentWhileAnotherCommandIsHandledIsStillARequest() {
        int priority = DefaultUnitOfWork.startAndGet(RESERVATION)
                .executeWithResult(() -> RequestsBeforeReactions.priorityOf(RESERVATION)).getPayload();

        assertThat(priority).isEqualTo(RequestsBeforeReactions.REQUEST);
    }

    @Test
    void theCommandBusToAxonServerPrioritisesByIt() {
        CommandPriorityCalculator calculator = (CommandPriorityCalculator) ReflectionTestUtils.getField(commandBus, "priorityCalculator");

        assertThat(calculator).isNotNull();
        assertThat(calculator.determinePriority(RESERVATION)).isEqualTo(RequestsBeforeReactions.REQUEST);
        int asReaction = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("an order was placed"))
                .executeWithResult(() -> calculator.determinePriority(RESERVATION)).getPayload();
        assertThat(asReaction).isEqualTo(RequestsBeforeReactions.REACTION);
    }
}
