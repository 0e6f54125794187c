package dev.bazaar.query.document;

import dev.bazaar.query.admin.RetrySchedule;
import dev.bazaar.query.admin.RollbackAwareDeadLetterQueue;
import dev.bazaar.query.admin.StoreOutagesAreRetried;
import dev.bazaar.query.document.rebuild.ReadModel;
import dev.bazaar.query.document.rebuild.UnitOfWorkBatch;
import java.util.List;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventhandling.deadletter.MongoSequencedDeadLetterQueue;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/**
 * A dead-letter queue per read model in this service's MongoDB (Axon's {@link MongoSequencedDeadLetterQueue}).
 * An event whose handler throws is parked with its cause instead of failing the batch, and every later event
 * of its sequence (its aggregate; for the catalog, a review goes with its product) is parked behind it,
 * unapplied, until the sequence is retried or evicted through the admin API; every other sequence goes on
 * being projected. Skipping the event instead would leave the read model wrong for good; failing the batch
 * would stop its whole segment.
 *
 * <p>Three settings of the dead-lettering invoker matter:
 * <ul>
 * <li>the sequence identifier cache: without it the invoker asks MongoDB whether each event's sequence is
 * parked, a query per event, which a rebuild of a million events cannot afford; with it, a segment that
 * starts with an empty queue asks nothing until something is parked;</li>
 * <li>{@code allowReset}: a rebuild resets the processor's tokens, which then clears the queue. The letters
 * were the failures of the generation being replaced; the rebuild replays every event into the new
 * generation, where a fault still present parks its events afresh.</li>
 * <li>the enqueue policy ({@link StoreOutagesAreRetried}): only a fault of the handler parks an event; the
 * database being out of reach fails the batch, which is retried from its token once the store is back.</li>
 * </ul>
 * MongoDB has no transactions here, so a letter outlives a batch that is rolled back after parking it;
 * {@link RollbackAwareDeadLetterQueue} keeps the redelivered batch from being parked behind it.
 * A batch's writes happen after its last event ({@link UnitOfWorkBatch#writtenAfterTheLastEvent()}), so a
 * parked event never holds back the rest of its batch. Each processor's failures also go to the
 * {@link RetrySchedule}, for the admin API's next retry.
 */
@Configuration(proxyBeanMethods = false)
class DeadLetterQueues {

    @Autowired
    void register(EventProcessingConfigurer configurer, MongoTemplate axonMongoTemplate, List<ReadModel> readModels,
                  RetrySchedule retries) {
        for (String projection : AxonMongoConfiguration.names(readModels)) {
            configurer.registerDeadLetterQueue(projection, configuration -> new RollbackAwareDeadLetterQueue(
                    MongoSequencedDeadLetterQueue.<EventMessage<?>>builder()
                            .processingGroup(projection)
                            .mongoTemplate(axonMongoTemplate)
                            .serializer(configuration.eventSerializer())
                            .transactionManager(configuration.getComponent(TransactionManager.class))
                            .build()));
            configurer.registerDeadLetteringEventHandlerInvokerConfiguration(projection,
                    (configuration, invoker) -> invoker.enableSequenceIdentifierCache().allowReset(true)
                            .enqueuePolicy(new StoreOutagesAreRetried()));
            configurer.registerHandlerInterceptor(projection, configuration -> UnitOfWorkBatch.writtenAfterTheLastEvent());
            retries.watch(configurer, projection);
        }
    }
}
