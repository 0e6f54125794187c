package dev.bazaar.query.relational;

import java.time.Instant;
import java.util.UUID;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands an event to a projection the way a processor does: as a domain event message with its
 * aggregate's sequence number and timestamp, through Axon's annotation handler adapter, in a
 * transaction that commits before this returns.
 */
public final class EventDelivery {

    private final TransactionTemplate transaction;

    EventDelivery(PlatformTransactionManager transactions) {
        this.transaction = new TransactionTemplate(transactions);
    }

    public void deliver(Object projection, String aggregateType, String aggregateId, long sequenceNumber,
                        Object payload, Instant at) {
        GenericDomainEventMessage<Object> message = new GenericDomainEventMessage<>(aggregateType, aggregateId,
                sequenceNumber, payload, MetaData.emptyInstance(), UUID.randomUUID().toString(), at);
        AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(projection);
        transaction.executeWithoutResult(status -> {
            try {
                handlers.handle(message);
            } catch (Exception e) {
                throw new IllegalStateException("the projection failed on " + payload, e);
            }
        });
    }
}
