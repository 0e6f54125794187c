package dev.bazaar.axonserver.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node killed with SIGKILL while clients append, alone or after its PostgreSQL: after a restart on
 * the same data directory every acknowledged append is there, and every append is there whole or not
 * at all. Killing PostgreSQL first, while the node still acknowledges appends, loses what PostgreSQL
 * had committed but not yet written to its WAL (its WAL writer runs every 200 ms), so that test fails
 * if the node acknowledges an append before its WAL flush.
 */
class KilledNodeTest {

    private static final int APPENDERS = 4;
    private static final int EVENTS_PER_APPEND = 3;

    @TempDir
    Path work;
    private final List<NodeProcess> started = new ArrayList<>();

    @AfterEach
    void stopEverything() throws InterruptedException {
        for (NodeProcess node : started) {
            node.stop();
        }
        NodeProcess.postgres(work.resolve("postgres")).ifPresent(ProcessHandle::destroy);
    }

    @Test
    void acknowledgedAppendsSurviveASigkillAndNoAppendIsHalfStored() throws Exception {
        killWhileAppendingAndRestart(false);
    }

    @Test
    void acknowledgedAppendsSurviveASigkillOfTheNodeAndOfPostgresql() throws Exception {
        killWhileAppendingAndRestart(true);
    }

    private void killWhileAppendingAndRestart(boolean killPostgresToo) throws Exception {
        Path dataDir = work.resolve("postgres");
        NodeProcess first = start(dataDir, "first");
        Set<String> attempted = ConcurrentHashMap.newKeySet();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        ProcessHandle orphanedPostgres;
        try (AxonEventStoreClient client = new AxonEventStoreClient(first.grpcAddress(), "default")) {
            ExecutorService appenders = Executors.newFixedThreadPool(APPENDERS);
            for (int appender = 0; appender < APPENDERS; appender++) {
                int number = appender;
                appenders.execute(() -> appendUntilRefused(client.eventStore(), "appender-" + number, attempted, acknowledged));
            }
            await().atMost(Duration.ofMinutes(1)).until(() -> acknowledged.size() >= 300);
            orphanedPostgres = NodeProcess.postgres(dataDir).orElseThrow();

            if (killPostgresToo) {
                kill(orphanedPostgres);
            }
            first.kill();

            appenders.shutdown();
            assertThat(appenders.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
            assertThat(orphanedPostgres.isAlive()).as("the embedded PostgreSQL outlives its killed node, unless killed first")
                    .isNotEqualTo(killPostgresToo);
        }

        NodeProcess second = start(dataDir, "second");
        assertThat(orphanedPostgres.isAlive()).as("the restarted node stopped the orphaned PostgreSQL").isFalse();
        try (AxonEventStoreClient client = new AxonEventStoreClient(second.grpcAddress(), "default")) {
            EventStore eventStore = client.eventStore();
            long storedEvents = 0;
            for (String aggregateId : attempted) {
                List<Long> sequences = eventStore.readEvents(aggregateId).asStream()
                        .map(DomainEventMessage::getSequenceNumber).collect(Collectors.toList());
                if (acknowledged.contains(aggregateId) || !sequences.isEmpty()) {
                    assertThat(sequences).as(aggregateId).containsExactly(0L, 1L, 2L);
                }
                storedEvents += sequences.size();
            }
            long head = client.eventChannel().getLastToken().get();
            assertThat(head + 1).as("every stored event belongs to a whole append").isEqualTo(storedEvents);
            assertThat(storedEvents).isGreaterThanOrEqualTo(EVENTS_PER_APPEND * (long) acknowledged.size());
            try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
                for (long token = 0; token <= head; token++) {
                    assertThat(stream.nextAvailable().trackingToken()).isEqualTo(new GlobalSequenceTrackingToken(token));
                }
            }

            String survivor = acknowledged.iterator().next();
            assertThatThrownBy(() -> eventStore.publish(new GenericDomainEventMessage<>("Note", survivor, 0, "again")))
                    .as("a restarted node still knows the aggregates stored before it")
                    .hasMessageContaining("Invalid sequence number 0 for aggregate " + survivor + ", expected 3");
        }
    }

    /** SIGKILL to the postmaster; its backends notice and exit, leaving the data directory to crash recovery. */
    private static void kill(ProcessHandle postmaster) {
        List<ProcessHandle> backends = postmaster.descendants().toList();
        postmaster.destroyForcibly();
        await().atMost(Duration.ofMinutes(1)).until(() -> !postmaster.isAlive() && backends.stream().noneMatch(ProcessHandle::isAlive));
    }

    private NodeProcess start(Path dataDir, String name) throws Exception {
        NodeProcess node = NodeProcess.start(dataDir, work.resolve(name + ".log"));
        started.add(node);
        return node;
    }

    private static void appendUntilRefused(EventStore eventStore, String appender, Set<String> attempted, Set<String> acknowledged) {
        for (int append = 0; ; append++) {
            String aggregateId = appender + "-" + append;
            List<DomainEventMessage<?>> events = IntStream.range(0, EVENTS_PER_APPEND)
                    .mapToObj(sequence -> (DomainEventMessage<?>) new GenericDomainEventMessage<>("Note", aggregateId, sequence, "event " + sequence))
                    .collect(Collectors.toList());
            attempted.add(aggregateId);
            try {
                eventStore.publish(events);
            } catch (RuntimeException refused) {
                return;
            }
            acknowledged.add(aggregateId);
        }
    }
}
