package dev.bazaar.axonserver.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.messaging.StreamableMessageSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tracking streams, tokens and contexts, through Axon's tracking processor and AxonServerEventStore. */
class TrackingAndTokensTest {

    @TempDir
    static Path dataDir;
    static InProcessNode node;

    @BeforeAll
    static void startNode() {
        node = InProcessNode.start(dataDir);
    }

    @AfterAll
    static void stopNode() {
        node.close();
    }

    @Test
    void aTrackingProcessorReadsFromTokenZeroAndThenFollowsLiveAppends() {
        try (AxonEventStoreClient client = new AxonEventStoreClient(node.grpcAddress(), freshContext())) {
            EventStore eventStore = client.eventStore();
            eventStore.publish(notes("stored", 0, 3));
            List<TrackedEventMessage<?>> handled = new CopyOnWriteArrayList<>();
            TrackingEventProcessor processor = TrackingEventProcessor.builder()
                    .name("tracking-test")
                    .eventHandlerInvoker(SimpleEventHandlerInvoker.builder()
                            .eventHandlers((EventMessageHandler) event -> handled.add((TrackedEventMessage<?>) event)).build())
                    .messageSource(eventStore)
                    .tokenStore(new InMemoryTokenStore())
                    .transactionManager(NoTransactionManager.INSTANCE)
                    .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                            .andInitialTrackingToken(StreamableMessageSource::createTailToken))
                    .build();
            processor.start();
            try {
                await().atMost(Duration.ofSeconds(20)).until(() -> handled.size() == 3);
                eventStore.publish(notes("live", 0, 2));
                await().atMost(Duration.ofSeconds(20)).until(() -> handled.size() == 5);
            } finally {
                processor.shutDown();
            }

            assertThat(handled).extracting(event -> event.trackingToken().position().orElseThrow())
                    .containsExactly(0L, 1L, 2L, 3L, 4L);
            assertThat(handled).extracting(event -> (Object) event.getPayload())
                    .containsExactly("stored 0", "stored 1", "stored 2", "live 0", "live 1");
        }
    }

    @Test
    void tokensAreAxonServers() throws Exception {
        Instant beforeFirst = Instant.now().minusSeconds(60);
        try (AxonEventStoreClient client = new AxonEventStoreClient(node.grpcAddress(), freshContext())) {
            EventStore eventStore = client.eventStore();
            Instant start = Instant.now();
            List<DomainEventMessage<?>> events = IntStream.range(0, 7)
                    .mapToObj(i -> note("timed", i, start.plusSeconds(i))).collect(Collectors.toList());
            events.forEach(eventStore::publish);

            assertThat(client.eventChannel().getFirstToken().get()).isEqualTo(-1L);
            assertThat(client.eventChannel().getLastToken().get()).isEqualTo(6L);
            assertThat(client.eventChannel().getTokenAt(beforeFirst.toEpochMilli()).get()).isEqualTo(-1L);
            assertThat(client.eventChannel().getTokenAt(start.plusSeconds(3).toEpochMilli()).get()).isEqualTo(2L);
            assertThat(client.eventChannel().getTokenAt(start.plusSeconds(3).plusMillis(1).toEpochMilli()).get()).isEqualTo(3L);
            assertThat(client.eventChannel().getTokenAt(start.plusSeconds(3600).toEpochMilli()).get()).isEqualTo(6L);
            assertThat(eventStore.createHeadToken()).isEqualTo(new GlobalSequenceTrackingToken(6));
            try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
                TrackedEventMessage<?> first = stream.nextAvailable();
                assertThat(first.trackingToken()).isEqualTo(new GlobalSequenceTrackingToken(0));
                assertThat(first.getPayload()).isEqualTo("timed 0");
            }
            try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(new GlobalSequenceTrackingToken(4))) {
                assertThat(stream.nextAvailable().trackingToken()).isEqualTo(new GlobalSequenceTrackingToken(5));
            }
        }
    }

    /**
     * PostgreSQL can commit an append whose answer never reaches the node (the connection dies as it
     * commits). The row is then stored at the index the node would hand out next; the node must follow
     * it rather than collide with it on every later append until a restart.
     */
    @Test
    void anAppendCommittedWithoutTheNodeKnowingIsFollowedNotCollidedWith() throws Exception {
        String context = freshContext();
        try (AxonEventStoreClient client = new AxonEventStoreClient(node.grpcAddress(), context)) {
            client.eventStore().publish(new GenericDomainEventMessage<>("Note", "first-" + UUID.randomUUID(), 0, "first"));
            try (Connection connection = node.dataSource().getConnection();
                 PreparedStatement lostAnswer = connection.prepareStatement("insert into event (context_id, global_index,"
                         + " aggregate_id, sequence_number, time_stamp, payload_type, payload_revision, data)"
                         + " select context_id, global_index + 1, aggregate_id || '-lost', sequence_number, time_stamp,"
                         + " payload_type, payload_revision, data from event"
                         + " where global_index = 0 and context_id = (select id from event_context where name = ?)")) {
                lostAnswer.setString(1, context);
                assertThat(lostAnswer.executeUpdate()).isEqualTo(1);
            }

            client.eventStore().publish(new GenericDomainEventMessage<>("Note", "after-" + UUID.randomUUID(), 0, "after"));

            assertThat(client.eventChannel().getLastToken().join()).isEqualTo(2L);
            try (BlockingStream<TrackedEventMessage<?>> stream = client.eventStore().openStream(null)) {
                List<Long> tokens = new ArrayList<>();
                List<Object> payloads = new ArrayList<>();
                while (tokens.size() < 3 && stream.hasNextAvailable(10, TimeUnit.SECONDS)) {
                    TrackedEventMessage<?> event = stream.nextAvailable();
                    tokens.add(((GlobalSequenceTrackingToken) event.trackingToken()).getGlobalIndex());
                    payloads.add(event.getPayload());
                }
                assertThat(tokens).containsExactly(0L, 1L, 2L);
                assertThat(payloads).containsExactly("first", "first", "after");
            }
        }
    }

    @Test
    void contextsKeepTheirEventsApart() {
        String aggregateId = "shared-" + UUID.randomUUID();
        try (AxonEventStoreClient one = new AxonEventStoreClient(node.grpcAddress(), freshContext());
             AxonEventStoreClient other = new AxonEventStoreClient(node.grpcAddress(), freshContext())) {
            one.eventStore().publish(new GenericDomainEventMessage<>("Note", aggregateId, 0, "one 0"),
                    new GenericDomainEventMessage<>("Note", aggregateId, 1, "one 1"));
            other.eventStore().publish(new GenericDomainEventMessage<>("Note", aggregateId, 0, "other 0"));

            assertThat(one.eventStore().readEvents(aggregateId).asStream().map(message -> (Object) message.getPayload()))
                    .containsExactly("one 0", "one 1");
            assertThat(other.eventStore().readEvents(aggregateId).asStream().map(message -> (Object) message.getPayload()))
                    .containsExactly("other 0");
            assertThat(one.eventChannel().getLastToken().join()).isEqualTo(1L);
            assertThat(other.eventChannel().getLastToken().join()).isEqualTo(0L);
        }
    }

    @Test
    void payloadTypesTheClientSkipsAreNoLongerSent() throws Exception {
        try (AxonEventStoreClient client = new AxonEventStoreClient(node.grpcAddress(), freshContext())) {
            EventStore eventStore = client.eventStore();
            eventStore.publish(payloads("wanted 0", 0));
            try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
                assertThat(stream.nextAvailable().getPayload()).isEqualTo("wanted 0");
                TrackedEventMessage<?> unwanted = stream.nextAvailable();
                assertThat(unwanted.getPayload()).isEqualTo(0);

                stream.skipMessagesWithPayloadTypeOf(unwanted);
                eventStore.publish(payloads("wanted 1", 1));
                eventStore.publish(payloads("wanted 2", 2));

                TrackedEventMessage<?> next = stream.nextAvailable();
                TrackedEventMessage<?> afterNext = stream.nextAvailable();
                assertThat(List.of(next.getPayload(), afterNext.getPayload())).containsExactly("wanted 1", "wanted 2");
                assertThat(List.of(next.trackingToken(), afterNext.trackingToken()))
                        .containsExactly(new GlobalSequenceTrackingToken(2), new GlobalSequenceTrackingToken(4));
            }
        }
    }

    private static String freshContext() {
        return "ctx" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static EventMessage<?>[] payloads(String wanted, int unwanted) {
        return new EventMessage<?>[]{
                new GenericDomainEventMessage<>("Note", "wanted-" + UUID.randomUUID(), 0, wanted),
                new GenericDomainEventMessage<>("Count", "unwanted-" + UUID.randomUUID(), 0, unwanted)};
    }

    private static List<DomainEventMessage<?>> notes(String prefix, int from, int count) {
        String aggregateId = prefix + "-" + UUID.randomUUID();
        return IntStream.range(from, from + count)
                .mapToObj(i -> (DomainEventMessage<?>) new GenericDomainEventMessage<>("Note", aggregateId, i, prefix + " " + i))
                .collect(Collectors.toList());
    }

    private static DomainEventMessage<?> note(String prefix, int sequence, Instant timestamp) {
        return new GenericDomainEventMessage<>("Note", prefix, sequence, prefix + " " + sequence, Map.of(),
                UUID.randomUUID().toString(), timestamp);
    }
}
