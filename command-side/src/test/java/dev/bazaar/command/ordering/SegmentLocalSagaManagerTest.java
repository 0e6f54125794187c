package dev.bazaar.command.ordering;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.Segment;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.saga.AnnotatedSagaManager;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.modelling.saga.repository.AnnotatedSagaRepository;
import org.axonframework.modelling.saga.repository.inmemory.InMemorySagaStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The saga manager that hands each saga event to one segment, over Axon's own saga repository: each
 * saga sees each of its events exactly once, in the one segment that accepts the event, also after
 * the segments are split.
 */
class SegmentLocalSagaManagerTest {

    private static final Segment[] TWO = Segment.ROOT_SEGMENT.split();
    private static final Segment[] FOUR = Arrays.stream(TWO).flatMap(segment -> Arrays.stream(segment.split())).toArray(Segment[]::new);

    private InMemorySagaStore store;
    private SegmentLocalSagaManager<Tally> manager;

    public record Opened(String key) {
    }

    public record Counted(String key) {
    }

    /** A saga that counts the events of its key. */
    public static class Tally {
        public int seen;

        public Tally() {
        }

        @StartSaga
        @SagaEventHandler(associationProperty = "key")
        public void on(Opened event) {
            seen++;
        }

        @SagaEventHandler(associationProperty = "key")
        public void on(Counted event) {
            seen++;
        }
    }

    @BeforeEach
    void setUp() {
        store = new InMemorySagaStore();
        AnnotatedSagaRepository<Tally> repository = AnnotatedSagaRepository.<Tally>builder().sagaType(Tally.class).sagaStore(store).build();
        manager = new SegmentLocalSagaManager<>(AnnotatedSagaManager.<Tally>builder().sagaType(Tally.class).sagaRepository(repository));
    }

    @Test
    void eachEventIsAcceptedByTheOneSegmentItsAssociationMatches() {
        for (String key : IntStream.range(0, 50).mapToObj(i -> "order-" + i).toList()) {
            EventMessage<?> event = GenericEventMessage.asEventMessage(new Counted(key));
            Segment expected = Arrays.stream(FOUR).filter(segment -> segment.matches(new AssociationValue("key", key))).findFirst().orElseThrow();
            assertThat(accepting(event, FOUR)).as("segments accepting %s", key).containsExactly(expected);
        }
    }

    @Test
    void aSagaStartedOnTwoSegmentsGetsItsEventsInTheOneSegmentThatAcceptsThemAfterASplitToFour() throws Exception {
        List<String> keys = IntStream.range(0, 64).mapToObj(i -> "order-" + i).toList();
        for (String key : keys) {
            deliver(GenericEventMessage.asEventMessage(new Opened(key)), TWO);
        }
        for (String key : keys) {
            deliver(GenericEventMessage.asEventMessage(new Counted(key)), FOUR);
        }
        for (String key : keys) {
            Set<String> sagas = store.findSagas(Tally.class, new AssociationValue("key", key));
            assertThat(sagas).as("sagas of %s", key).hasSize(1);
            String saga = sagas.iterator().next();
            assertThat(SegmentLocalSagaManager.isSegmentLocal(saga)).as(saga).isTrue();
            assertThat(store.loadSaga(Tally.class, saga).saga().seen).as("events seen by the saga of %s", key).isEqualTo(2);
        }
    }

    @Test
    void whileSagasWithRandomIdentifiersMayExistEverySegmentAcceptsEveryEventAndFindsThem() throws Exception {
        List<String> keys = IntStream.range(0, 16).mapToObj(i -> "order-" + i).toList();
        for (String key : keys) {
            Tally older = new Tally();
            older.seen = 1;
            store.insertSaga(Tally.class, UUID.randomUUID().toString(), older, Set.of(new AssociationValue("key", key)));
        }
        manager.everySegment(true);
        for (String key : keys) {
            EventMessage<?> event = GenericEventMessage.asEventMessage(new Counted(key));
            assertThat(accepting(event, FOUR)).hasSize(FOUR.length);
            deliver(event, FOUR);
        }
        for (String key : keys) {
            String saga = store.findSagas(Tally.class, new AssociationValue("key", key)).iterator().next();
            assertThat(store.loadSaga(Tally.class, saga).saga().seen).as("events seen by the older saga of %s", key).isEqualTo(2);
        }
    }

    @Test
    void aSagaWithARandomIdentifierFoundWhileEachEventGoesToOneSegmentIsLoggedAsAnError() throws Exception {
        String older = UUID.randomUUID().toString();
        store.insertSaga(Tally.class, older, new Tally(), Set.of(new AssociationValue("key", "order-1")));
        Logger logger = (Logger) LoggerFactory.getLogger(SegmentLocalSagaManager.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        try {
            deliver(GenericEventMessage.asEventMessage(new Counted("order-1")), FOUR);
        } finally {
            logger.detachAppender(logged);
        }
        assertThat(logged.list).anySatisfy(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.ERROR);
            assertThat(event.getFormattedMessage()).contains(older);
        });
    }

    private List<Segment> accepting(EventMessage<?> event, Segment[] segments) {
        return Arrays.stream(segments).filter(segment -> manager.canHandle(event, segment)).toList();
    }

    /** As the processor does: the event is handled, each in a unit of work, by every segment that accepts it. */
    private void deliver(EventMessage<?> event, Segment[] segments) throws Exception {
        for (Segment segment : accepting(event, segments)) {
            DefaultUnitOfWork.startAndGet(event).executeWithResult(() -> {
                manager.handle(event, segment);
                return null;
            });
        }
    }
}
