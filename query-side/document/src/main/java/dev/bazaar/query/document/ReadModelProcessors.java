package dev.bazaar.query.document;

import dev.bazaar.query.document.rebuild.ReadModel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessorSpanFactory;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One tracking processor per read model, named after it, each segment on a thread of its own that reads
 * the stream itself and hands the projection batches of {@code bazaar.processors.batch-size} events. Each
 * instance has a thread for every segment ({@code bazaar.processors.segments}), so that one instance alone
 * processes them all, and the idle threads of the others take over the segments of one that dies.
 *
 * <p>Why tracking and not pooled: the pooled processor's coordinator hands every segment's queue every event
 * and caps a queue, so a batch, at 1,024 events; with a thousand products interleaved in the stream that is
 * about one event per product, and the catalog's bulk write replaced about one document per event. The
 * tracking processor has no such cap: with batches of 16,384 a rebuild of 1,000,000 events ran 2.5 times as
 * fast, and the MongoDB server's CPU per event fell by 3 to 5 times ({@code bench/README.md}).
 *
 * <p>Built here rather than from {@code axon.eventhandling.processors.<name>.*} for one setting those
 * properties do not reach, {@code storingTokensAfterProcessing()}. A tracking processor whose transaction
 * manager is not {@code NoTransactionManager} otherwise stores its token before it processes a batch, and
 * counts on the transaction to take it back if the batch fails. MongoDB gives this service no transaction
 * (the transaction manager only watches for failures, projection-admin's {@code RetryWatchingTransactionManager}),
 * so a service killed in the middle of a batch lost that batch, its token already past it
 * ({@code RebuildAfterSigkillTest} caught it). Stored after the batch's writes, a token can only lag them, and
 * the events replayed after a kill are applied idempotently. Axon refuses a second processor of the same name,
 * so none of the read models may have {@code axon.eventhandling.processors.<name>.*} properties.
 *
 * <p>A tracking processor claims every segment it has a thread for; {@link SegmentBalance} makes instances
 * share them.
 */
@Configuration(proxyBeanMethods = false)
class ReadModelProcessors {

    @Bean
    ConfigurerModule trackingProcessorPerReadModel(List<ReadModel> readModels,
                                                   @Value("${bazaar.processors.segments}") int segments,
                                                   @Value("${bazaar.processors.batch-size}") int batchSize,
                                                   @Value("${bazaar.processors.token-claim-interval:5s}") Duration claimInterval) {
        TrackingEventProcessorConfiguration settings = TrackingEventProcessorConfiguration.forParallelProcessing(segments)
                .andBatchSize(batchSize)
                .andInitialSegmentsCount(segments)
                .andTokenClaimInterval(claimInterval.toMillis(), TimeUnit.MILLISECONDS);
        return configurer -> readModels.forEach(model -> {
            model.sequencingPolicy().ifPresent(policy ->
                    configurer.eventProcessing().registerSequencingPolicy(model.name(), axon -> policy));
            configurer.eventProcessing().registerEventProcessor(model.name(), (name, axon, invoker) -> {
                EventProcessingConfiguration processing = axon.eventProcessingConfiguration();
                return TrackingEventProcessor.builder()
                        .name(name)
                        .eventHandlerInvoker(invoker)
                        .rollbackConfiguration(processing.rollbackConfiguration(name))
                        .errorHandler(processing.errorHandler(name))
                        .messageMonitor(processing.messageMonitor(TrackingEventProcessor.class, name))
                        .messageSource(axon.eventStore())
                        .tokenStore(processing.tokenStore(name))
                        .transactionManager(processing.transactionManager(name))
                        .trackingEventProcessorConfiguration(settings)
                        .spanFactory(axon.getComponent(EventProcessorSpanFactory.class))
                        .storingTokensAfterProcessing()
                        .build();
            });
        });
    }
}
