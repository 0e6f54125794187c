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
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One tracking processor per read model, named after it, each segment on a thread of its own that reads
 * the stream itself and hands the projection batches of {@code bazaar.processors.batch-size} events. Each
 * instance has a thread for every segment ({@code bazaar.processors.segments}, or as many as the token store
 * already holds), so that one instance alone processes them all, and the idle threads of the others take over
 * the segments of one that dies.
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
 * share them. It extends a claim only between batches; {@link ClaimKeptThroughTheBatch} extends it during a long
 * one, so that another instance does not take the segment over in the middle.
 */
@Configuration(proxyBeanMethods = false)
class ReadModelProcessors {

    private static final Logger log = LoggerFactory.getLogger(ReadModelProcessors.class);

    @Bean
    ConfigurerModule trackingProcessorPerReadModel(List<ReadModel> readModels,
                                                   @Value("${bazaar.processors.segments}") int segments,
                                                   @Value("${bazaar.processors.batch-size}") int batchSize,
                                                   @Value("${bazaar.processors.token-claim-interval:5s}") Duration claimInterval,
                                                   @Value("${bazaar.tokens.claim-timeout:10s}") Duration claimTimeout) {
        return configurer -> readModels.forEach(model -> {
            model.sequencingPolicy().ifPresent(policy ->
                    configurer.eventProcessing().registerSequencingPolicy(model.name(), axon -> policy));
            configurer.eventProcessing().registerHandlerInterceptor(model.name(), axon -> new ClaimKeptThroughTheBatch(
                    axon.eventProcessingConfiguration().tokenStore(model.name()), model.name(), claimTimeout));
            configurer.eventProcessing().registerEventProcessor(model.name(), (name, axon, invoker) -> {
                EventProcessingConfiguration processing = axon.eventProcessingConfiguration();
                TokenStore tokens = processing.tokenStore(name);
                int threads = Math.max(segments, storedSegments(tokens, name));
                TrackingEventProcessorConfiguration settings = TrackingEventProcessorConfiguration.forParallelProcessing(threads)
                        .andBatchSize(batchSize)
                        .andInitialSegmentsCount(segments)
                        .andTokenClaimInterval(claimInterval.toMillis(), TimeUnit.MILLISECONDS);
                return TrackingEventProcessor.builder()
                        .name(name)
                        .eventHandlerInvoker(invoker)
                        .rollbackConfiguration(processing.rollbackConfiguration(name))
                        .errorHandler(processing.errorHandler(name))
                        .messageMonitor(processing.messageMonitor(TrackingEventProcessor.class, name))
                        .messageSource(axon.eventStore())
                        .tokenStore(tokens)
                        .transactionManager(processing.transactionManager(name))
                        .trackingEventProcessorConfiguration(settings)
                        .spanFactory(axon.getComponent(EventProcessorSpanFactory.class))
                        .storingTokensAfterProcessing()
                        .build();
            });
        });
    }

    /**
     * The segments the token store holds for a processor: a store made with more segments than
     * {@code bazaar.processors.segments} keeps them, and a tracking processor only claims as many segments as it
     * has threads, so an instance alone would leave the others unprocessed.
     */
    private static int storedSegments(TokenStore tokens, String processor) {
        try {
            return tokens.fetchSegments(processor).length;
        } catch (RuntimeException unreachable) {
            log.warn("Could not count {}'s segments in the token store; it gets a thread per configured segment", processor, unreachable);
            return 0;
        }
    }
}
