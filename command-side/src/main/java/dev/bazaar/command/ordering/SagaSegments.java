package dev.bazaar.command.ordering;

import java.util.concurrent.Executors;
import org.axonframework.common.AxonThreadFactory;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.modelling.saga.AnnotatedSagaManager;
import org.axonframework.modelling.saga.SagaManagerSpanFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Runs the order saga on a pooled streaming processor whose event stream is split into segments,
 * each handled by a thread of its own, so that many orders advance at once.
 *
 * <p>Every saga command is awaited before its batch commits (see {@link OrderSaga}), so a segment's
 * thread spends much of its time waiting for Axon Server; one segment capped the saga at what one
 * thread can wait through. Axon places each saga instance in one segment (by its identifier, chosen to match the
 * segment of the event that starts it), so one order's events are still handled one after the other,
 * by one thread, and a segment's token and the sagas it holds are stored together: a crash redelivers
 * from the last stored token per segment as before. Segments are claimed in the shared token store,
 * so with several instances each claims some and takes over a dead one's after its claim times out.
 *
 * <p>The coordinator extends the claims of segments whose thread is busy waiting for a command, so a
 * slow command (up to the saga's 8 s bound) does not let another instance steal a live segment.
 *
 * <p>Each segment handles its events in batches, one transaction per batch for the token and the
 * sagas it changed: with one event per transaction, every segment committed (and PostgreSQL flushed)
 * its token for every event of the stream, and a thread dump under load found the workers in those
 * commits as often as waiting for their commands. A batch that
 * fails is rolled back whole and delivered again, which the saga's commands allow (see {@link OrderSaga}).
 *
 * <p>The segment count is fixed when the processor first creates its tokens; a store created with
 * fewer segments keeps them until they are split (Axon Server's or the processor's split operation).
 *
 * <p>Each event goes only to the segment its order's saga lives in ({@link SegmentLocalSagaManager}),
 * instead of to all of them, each of which looked it up in the saga store.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
class SagaSegments {

    private static final Logger log = LoggerFactory.getLogger(SagaSegments.class);

    @Autowired
    void poolTheSagaProcessor(EventProcessingConfigurer configurer,
                              @Value("${bazaar.saga.segments:8}") int segments,
                              @Value("${bazaar.saga.batch-size:16}") int batchSize) {
        configurer.registerPooledStreamingEventProcessor(
                SagaErrorHandling.PROCESSING_GROUP,
                axon -> axon.eventStore(),
                (axon, builder) -> builder
                        .initialSegmentCount(segments)
                        .batchSize(batchSize)
                        .workerExecutor(name -> Executors.newScheduledThreadPool(segments, new AxonThreadFactory("Worker - " + name)))
                        .enableCoordinatorClaimExtension());
    }

    @Autowired
    void placeEachSagaEventInOneSegment(EventProcessingConfigurer configurer, JdbcTemplate jdbc) {
        configurer.registerSaga(OrderSaga.class, saga -> saga.configureSagaManager(axon -> {
            SegmentLocalSagaManager<OrderSaga> manager = new SegmentLocalSagaManager<>(sagaManager(axon));
            manager.everySegment(sagasWithRandomIdentifiersExist(jdbc));
            return manager;
        }));
    }

    /** What Axon's own saga configuration would give the saga's manager. */
    private static AnnotatedSagaManager.Builder<OrderSaga> sagaManager(Configuration axon) {
        return AnnotatedSagaManager.<OrderSaga>builder()
                .sagaType(OrderSaga.class)
                .sagaRepository(axon.eventProcessingConfiguration().sagaConfiguration(OrderSaga.class).repository())
                .parameterResolverFactory(axon.parameterResolverFactory())
                .handlerDefinition(axon.handlerDefinition(OrderSaga.class))
                .listenerInvocationErrorHandler(axon.eventProcessingConfiguration()
                        .listenerInvocationErrorHandler(SagaErrorHandling.PROCESSING_GROUP))
                .spanFactory(axon.getComponent(SagaManagerSpanFactory.class));
    }

    /**
     * Sagas started before identifiers carried their association's hash may live in any segment: while the
     * store holds any at start, every segment keeps looking every event up (command-side/README.md). The
     * saga store writes the saga's class name as its type.
     */
    private static boolean sagasWithRandomIdentifiersExist(JdbcTemplate jdbc) {
        Long older = jdbc.queryForObject("SELECT count(*) FROM sagaentry WHERE sagatype = ? AND sagaid !~ '^[0-9a-f]{8}[.]'",
                Long.class, OrderSaga.class.getName());
        if (older != null && older > 0) {
            log.info("{} order saga(s) from before segment-local saga identifiers are running: each saga event goes to every segment until a restart finds none", older);
            return true;
        }
        return false;
    }
}
