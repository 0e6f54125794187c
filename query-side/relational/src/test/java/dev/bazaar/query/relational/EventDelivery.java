package dev.bazaar.query.relational;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Hands an event to a projection the way a processor does: as a domain event message with its
 * aggregate's sequence number and timestamp, through Axon's annotation handler adapter, in a unit of
 * work with a transaction that commits before this returns (a batch of one).
 */
public final class EventDelivery {

    private final TransactionManager transactions;

    EventDelivery(PlatformTransactionManager transactions) {
        this.transactions = new SpringTransactionManager(transactions);
    }

    public void deliver(Object projection, String aggregateType, String aggregateId, long sequenceNumber,
                        Object payload, Instant at) {
        GenericDomainEventMessage<Object> message = new GenericDomainEventMessage<>(aggregateType, aggregateId,
                sequenceNumber, payload, MetaData.emptyInstance(), UUID.randomUUID().toString(), at);
        AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(projection);
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(message);
        unitOfWork.attachTransaction(transactions);
        ResultMessage<?> result = unitOfWork.executeWithResult(() -> handlers.handle(message));
        if (result.isExceptional()) {
            throw new IllegalStateException("the projection failed on " + payload, result.exceptionResult());
        }
    }
}
