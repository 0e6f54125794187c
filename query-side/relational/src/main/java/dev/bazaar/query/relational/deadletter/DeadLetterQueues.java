package dev.bazaar.query.relational.deadletter;

import dev.bazaar.query.admin.DeadLetters;
import dev.bazaar.query.admin.RetrySchedule;
import dev.bazaar.query.relational.Projections;
import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import dev.bazaar.query.admin.StoreOutagesAreRetried;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A dead-letter queue per projection in this service's database (table {@code deadletterentry}, Flyway
 * V5). An event whose handler throws is parked with its cause instead of failing the batch, and every
 * later event of the same aggregate (Axon's default sequencing policy) is parked behind it, unapplied,
 * until the sequence is retried or evicted; every other aggregate goes on being projected. The letters
 * are written through Spring's transaction, so they commit with the batch and the token they came from.
 * The admin endpoints and the gauge are projection-admin's ({@link DeadLetters}).
 *
 * <p>Three settings of the dead-lettering invoker matter:
 * <ul>
 * <li>the sequence identifier cache: without it the invoker asks the database whether each event's
 * aggregate is parked, one query per event, which a rebuild of a million events cannot afford; with it,
 * a segment that starts with an empty queue asks nothing until something is parked;</li>
 * <li>{@code allowReset}: a rebuild resets the processor's tokens, which then clears the queue in the
 * same transaction. The letters were the failures of the generation being replaced; the rebuild replays
 * every event into the new generation, where a fault still present parks its events afresh.</li>
 * <li>the enqueue policy ({@link StoreOutagesAreRetried}): only a fault of the handler parks an event; the
 * database being out of reach fails the batch, which is retried from its token once the store is back.</li>
 * </ul>
 * Each processor's failures are also reported to the {@link RetrySchedule}, for the admin API's next retry.
 */
@Configuration(proxyBeanMethods = false)
class DeadLetterQueues {

    @Autowired
    void register(EventProcessingConfigurer configurer, DataSource dataSource, RetrySchedule retries) {
        for (String projection : Projections.NAMES) {
            configurer.registerDeadLetterQueue(projection, configuration -> JdbcSequencedDeadLetterQueue.<EventMessage<?>>builder()
                    .processingGroup(projection)
                    .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
                    .transactionManager(configuration.getComponent(TransactionManager.class))
                    .genericSerializer(configuration.serializer())
                    .eventSerializer(configuration.eventSerializer())
                    .build());
            configurer.registerDeadLetteringEventHandlerInvokerConfiguration(projection,
                    (configuration, invoker) -> invoker.enableSequenceIdentifierCache().allowReset(true)
                            .enqueuePolicy(new StoreOutagesAreRetried()));
            retries.watch(configurer, projection);
        }
    }

    @Bean
    DeadLetters deadLetters(EventProcessingConfiguration processing, MeterRegistry meters) {
        return new DeadLetters(processing, meters, Projections.NAMES,
                letter -> ((JdbcDeadLetter<?>) letter).getSequenceIdentifier());
    }
}
