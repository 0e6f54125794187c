package dev.bazaar.axonserver.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.axonframework.axonserver.connector.event.util.GrpcExceptionParser;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.AggregateFactory;
import org.axonframework.eventsourcing.AggregateSnapshotter;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Aggregates stored in and loaded from the node by Axon's own event-sourcing repository and event store. */
class AggregateEventsTest {

    @TempDir
    static Path dataDir;
    static InProcessNode node;
    static AxonEventStoreClient client;

    @BeforeAll
    static void startNode() {
        node = InProcessNode.start(dataDir);
        client = new AxonEventStoreClient(node.grpcAddress(), "default");
    }

    @AfterAll
    static void stopNode() {
        client.close();
        node.close();
    }

    @Test
    void anAggregateLoadsFromItsLatestSnapshotAndTheEventsAfterIt() {
        EventStore eventStore = client.eventStore();
        AggregateFactory<Counter> factory = new GenericAggregateFactory<>(Counter.class);
        AggregateSnapshotter snapshotter = AggregateSnapshotter.builder().eventStore(eventStore).aggregateFactories(factory).build();
        EventSourcingRepository<Counter> repository = EventSourcingRepository.builder(Counter.class)
                .eventStore(eventStore).aggregateFactory(factory).build();
        String counterId = "counter-" + UUID.randomUUID();
        inUnitOfWork(() -> repository.newInstance(() -> new Counter(counterId)));
        for (int i = 0; i < 5; i++) {
            inUnitOfWork(() -> repository.load(counterId).execute(Counter::increment));
        }

        snapshotter.scheduleSnapshot(Counter.class, counterId);
        for (int i = 0; i < 4; i++) {
            inUnitOfWork(() -> repository.load(counterId).execute(Counter::increment));
        }

        List<? extends DomainEventMessage<?>> stream = eventStore.readEvents(counterId).asStream().collect(Collectors.toList());
        assertThat(stream.get(0).getPayloadType()).isEqualTo(Counter.class);
        assertThat(stream).extracting(DomainEventMessage::getSequenceNumber).containsExactly(5L, 6L, 7L, 8L, 9L);
        assertThat(inUnitOfWork(() -> repository.load(counterId).invoke(Counter::value))).isEqualTo(9);
        assertThat(eventStore.readEvents(counterId, 0).asStream().count()).isEqualTo(10);
        assertThat(eventStore.lastSequenceNumberFor(counterId)).hasValue(9L);
    }

    @Test
    void aSnapshotTriggerTakesSnapshotsThatLaterLoadsStartFrom() {
        EventStore eventStore = client.eventStore();
        AggregateFactory<Counter> factory = new GenericAggregateFactory<>(Counter.class);
        AggregateSnapshotter snapshotter = AggregateSnapshotter.builder().eventStore(eventStore).aggregateFactories(factory).build();
        EventSourcingRepository<Counter> repository = EventSourcingRepository.builder(Counter.class)
                .eventStore(eventStore).aggregateFactory(factory)
                .snapshotTriggerDefinition(new EventCountSnapshotTriggerDefinition(snapshotter, 3))
                .build();
        String counterId = "triggered-" + UUID.randomUUID();
        inUnitOfWork(() -> repository.newInstance(() -> new Counter(counterId)));
        for (int i = 0; i < 7; i++) {
            inUnitOfWork(() -> repository.load(counterId).execute(Counter::increment));
        }

        List<? extends DomainEventMessage<?>> stream = eventStore.readEvents(counterId).asStream().collect(Collectors.toList());
        assertThat(stream.get(0).getPayloadType()).isEqualTo(Counter.class);
        assertThat(stream).extracting(DomainEventMessage::getSequenceNumber)
                .startsWith(stream.get(0).getSequenceNumber()).endsWith(7L).doesNotHaveDuplicates();
        assertThat(inUnitOfWork(() -> repository.load(counterId).invoke(Counter::value))).isEqualTo(7);
    }

    @Test
    void aSecondStreamForTheSameAggregateIsRefused() {
        String aggregateId = "created-twice-" + UUID.randomUUID();
        EventStore eventStore = client.eventStore();
        eventStore.publish(event(aggregateId, 0, "first"));

        Throwable refusal = catchThrowable(() -> eventStore.publish(event(aggregateId, 0, "second")));

        assertRefusedAsAxonServerDoes(refusal, "[AXONIQ-2000] Invalid sequence number 0 for aggregate " + aggregateId + ", expected 1");

        assertThat(eventStore.readEvents(aggregateId).asStream().map(message -> (String) message.getPayload())).containsExactly("first");
    }

    @Test
    void aConflictingAppendIsRefusedWholeAndNothingOfItIsStored() {
        String first = "first-" + UUID.randomUUID();
        String second = "second-" + UUID.randomUUID();
        EventStore eventStore = client.eventStore();
        eventStore.publish(event(first, 0, "a"), event(second, 0, "b"), event(second, 1, "c"));
        long headBefore = client.eventChannel().getLastToken().join();

        Throwable refusal = catchThrowable(() -> eventStore.publish(event(first, 1, "stored only with the next"), event(second, 1, "conflict")));

        assertRefusedAsAxonServerDoes(refusal, "[AXONIQ-2000] Invalid sequence number 1 for aggregate " + second + ", expected 2");

        assertThat(eventStore.readEvents(first).asStream().map(message -> (String) message.getPayload())).containsExactly("a");
        assertThat(eventStore.readEvents(second).asStream().map(message -> (String) message.getPayload())).containsExactly("b", "c");
        assertThat(client.eventChannel().getLastToken().join()).isEqualTo(headBefore);
    }

    @Test
    void twoUnitsOfWorkChangingTheSameVersionConflict() {
        EventSourcingRepository<Counter> repository = EventSourcingRepository.builder(Counter.class)
                .eventStore(client.eventStore()).build();
        String counterId = "contended-" + UUID.randomUUID();
        inUnitOfWork(() -> repository.newInstance(() -> new Counter(counterId)));

        DefaultUnitOfWork<?> slower = DefaultUnitOfWork.startAndGet(null);
        repository.load(counterId).execute(Counter::increment);
        CurrentUnitOfWork.clear(slower);
        inUnitOfWork(() -> repository.load(counterId).execute(Counter::increment));
        CurrentUnitOfWork.set(slower);

        Throwable refusal = catchThrowable(slower::commit);

        assertRefusedAsAxonServerDoes(refusal, "[AXONIQ-2000] Invalid sequence number 1 for aggregate " + counterId + ", expected 2");
        assertThat(inUnitOfWork(() -> repository.load(counterId).invoke(Counter::value))).isEqualTo(1);
    }

    /**
     * Axon Server refuses with status OUT_OF_RANGE and the code in the {@code AxonIQ-ErrorCode} trailer. The
     * stock AxonServerEventStore lets that StatusRuntimeException through (with the real Axon Server too); the
     * client's own parser turns the trailer's code into Axon's ConcurrencyException, and so does the command
     * bus when it reports a handler's failure.
     */
    private static void assertRefusedAsAxonServerDoes(Throwable refusal, String message) {
        assertThat(refusal).isInstanceOf(StatusRuntimeException.class).hasMessage("OUT_OF_RANGE: " + message);
        assertThat(((StatusRuntimeException) refusal).getStatus().getCode()).isEqualTo(Status.Code.OUT_OF_RANGE);
        assertThat(GrpcExceptionParser.parse(refusal)).isInstanceOf(ConcurrencyException.class).hasMessage("OUT_OF_RANGE: " + message);
    }

    private static DomainEventMessage<String> event(String aggregateId, long sequence, String payload) {
        return new GenericDomainEventMessage<>("Note", aggregateId, sequence, payload);
    }

    private static <T> T inUnitOfWork(java.util.concurrent.Callable<T> work) {
        try {
            return DefaultUnitOfWork.startAndGet(null).executeWithResult(work).getPayload();
        } catch (Exception e) {
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        }
    }

    private static void inUnitOfWork(Runnable work) {
        inUnitOfWork(() -> {
            work.run();
            return null;
        });
    }
}
