package dev.bazaar.axonserver.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.bazaar.embedded.postgres.EmbeddedPostgresServer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The event writer's group commit on real PostgreSQL, with four threads standing in for the node's
 * event loops. A trigger plays PostgreSQL's part in a failure: it makes an insert of payload type
 * {@code slow...} sleep first (so that the next append arrives while that group is in flight), and
 * refuses {@code slow-poison}.
 */
class GroupCommitTest {

    private static EmbeddedPostgresServer postgres;
    private static HikariDataSource dataSource;
    private static EventTable table;

    private final ExecutorService writers = Executors.newFixedThreadPool(4);

    @BeforeAll
    static void startPostgres() throws SQLException {
        postgres = EmbeddedPostgresServer.start(null, 0);
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.createDatabaseIfMissing("node"));
        dataSource.setUsername(postgres.username());
        Flyway.configure().dataSource(dataSource).load().migrate();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("""
                    create function slow_or_refused() returns trigger language plpgsql as $$
                    begin
                        if new.payload_type like 'slow%' then perform pg_sleep(1); end if;
                        if new.payload_type = 'slow-poison' then raise exception 'the test refuses this insert'; end if;
                        return new;
                    end $$""");
            statement.execute("create trigger slow_or_refused before insert on event for each row execute function slow_or_refused()");
        }
        table = new EventTable(dataSource);
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        dataSource.close();
        postgres.close();
    }

    @AfterEach
    void stopWriters() {
        writers.shutdownNow();
    }

    @Test
    void concurrentAppendsCommitInTheOrderOfTheirIndexesWithoutGaps() throws Exception {
        ContextEventLog log = newLog();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Set<String> refused = ConcurrentHashMap.newKeySet();
        AtomicLong sharedSequence = new AtomicLong();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        for (int client = 0; client < 8; client++) {
            String aggregateId = "own-" + client;
            clients.execute(() -> {
                for (int sequence = 0; sequence < 150; sequence++) {
                    String own = aggregateId + "/" + sequence;
                    append(log, event(aggregateId, sequence, own)).join();
                    acknowledged.add(own);
                    // Clients racing for one aggregate, each guessing its next sequence number.
                    long guess = sharedSequence.get();
                    String shared = "shared/" + guess + "/" + own;
                    try {
                        append(log, event("shared", guess, shared)).join();
                        acknowledged.add(shared);
                        sharedSequence.compareAndSet(guess, guess + 1);
                    } catch (CompletionException e) {
                        assertThat(e.getCause()).isInstanceOf(InvalidSequenceException.class);
                        refused.add(shared);
                    }
                }
            });
        }
        clients.shutdown();
        assertThat(clients.awaitTermination(2, TimeUnit.MINUTES)).isTrue();

        List<StoredEvent> stored = storedEvents(log);
        assertGapless(stored);
        assertThat(payloads(stored)).containsExactlyInAnyOrderElementsOf(acknowledged).doesNotContainAnyElementsOf(refused);
        assertThat(stored.stream().filter(event -> event.aggregateId().equals("shared")).map(StoredEvent::sequenceNumber))
                .containsExactlyElementsOf(sequence(sharedSequence.get()));
        assertThat(log.head()).isEqualTo(stored.size() - 1);
        assertThat(payloads(log.read(0, stored.size()))).containsExactlyElementsOf(payloads(stored));
        assertThat(log.highestSequence("shared")).isEqualTo(sharedSequence.get() - 1);
    }

    /**
     * The highest sequence number is answered from memory once the log has written or read it, and a
     * commit that failed (PostgreSQL may have stored it) makes the log forget and ask the table again.
     */
    @Test
    void theHighestSequenceNumberFollowsTheCommitsAndForgetsAFailedOne() {
        ContextEventLog log = newLog();
        ContextEventLog otherWriter = new ContextEventLog("other", log.contextId(), table);
        append(otherWriter, event("elsewhere", 0, "elsewhere-0")).join();
        append(otherWriter, event("elsewhere", 1, "elsewhere-1")).join();

        assertThat(log.rememberedSequence("elsewhere")).isEqualTo(AggregateSequences.NOT_REMEMBERED);
        assertThat(log.highestSequence("elsewhere")).isEqualTo(1);
        assertThat(log.rememberedSequence("elsewhere")).isEqualTo(1);
        assertThat(log.highestSequence("nothing")).isEqualTo(-1);
        assertThat(log.rememberedSequence("nothing")).isEqualTo(AggregateSequences.NOT_REMEMBERED);

        append(log, event("counted", 0, "counted-0")).join();
        append(log, event("counted", 1, "counted-1")).join();
        assertThat(log.rememberedSequence("counted")).isEqualTo(1);

        CompletableFuture<Void> poisoned = append(log, event("counted", 2, "counted-poisoned", "slow-poison"));
        assertThat(poisoned).failsWithin(Duration.ofSeconds(10));
        assertThat(log.rememberedSequence("counted")).isEqualTo(AggregateSequences.NOT_REMEMBERED);
        assertThat(log.highestSequence("counted")).isEqualTo(1);

        append(log, event("counted", 2, "counted-2")).join();
        assertThat(log.rememberedSequence("counted")).isEqualTo(2);
        assertThat(log.highestSequence("counted")).isEqualTo(2);
    }

    @Test
    void anAppendArrivingDuringAFailedCommitIsStoredNextWithoutAGap() {
        ContextEventLog log = newLog();
        append(log, event("before", 0, "before")).join();

        CompletableFuture<Void> poisoned = append(log, event("poisoned", 0, "poisoned", "slow-poison"));
        awaitAnInsertAsleep();
        CompletableFuture<Void> behind = append(log, event("behind", 0, "behind"));

        assertThat(poisoned).failsWithin(Duration.ofSeconds(10)).withThrowableThat().havingCause().isInstanceOf(EventStorageException.class);
        assertThat(behind).succeedsWithin(Duration.ofSeconds(10));
        List<StoredEvent> stored = storedEvents(log);
        assertGapless(stored);
        assertThat(payloads(stored)).containsExactly("before", "behind");
        assertThat(log.head()).isEqualTo(1);
    }

    /**
     * An aggregate the writer does not know, appended at sequence 0, is taken to be new; here another
     * writer stored it first (as when the node lost the answer of its own commit). The unique index
     * refuses the slow group, which is validated again and refused; the append behind it is stored.
     */
    @Test
    void aWronglyOptimisticAppendIsValidatedAgainAndTheNextOneStored() {
        String name = "optimistic-" + UUID.randomUUID();
        ContextEventLog log = new ContextEventLog(name, table.createContext(name), table);
        ContextEventLog otherWriter = new ContextEventLog(name, log.contextId(), table);
        append(otherWriter, event("created-elsewhere", 0, "elsewhere")).join();

        CompletableFuture<Void> duplicate = append(log, event("created-elsewhere", 0, "duplicate", "slow"));
        awaitAnInsertAsleep();
        CompletableFuture<Void> behind = append(log, event("behind", 0, "behind"));

        assertThat(duplicate).failsWithin(Duration.ofSeconds(10)).withThrowableThat().havingCause()
                .isInstanceOf(InvalidSequenceException.class).withMessageContaining("expected 1");
        assertThat(behind).succeedsWithin(Duration.ofSeconds(10));
        List<StoredEvent> stored = storedEvents(log);
        assertGapless(stored);
        assertThat(payloads(stored)).containsExactly("elsewhere", "behind");
        assertThat(log.head()).isEqualTo(1);
    }

    private ContextEventLog newLog() {
        String name = "pipeline-" + UUID.randomUUID();
        return new ContextEventLog(name, table.createContext(name), table);
    }

    private CompletableFuture<Void> append(ContextEventLog log, StoredEvent event) {
        return log.append(List.of(event), writers);
    }

    private static StoredEvent event(String aggregateId, long sequence, String payload) {
        return event(aggregateId, sequence, payload, "test");
    }

    private static StoredEvent event(String aggregateId, long sequence, String payload, String payloadType) {
        return StoredEvent.unappended(aggregateId, sequence, System.currentTimeMillis(), payloadType, "",
                payload.getBytes(StandardCharsets.UTF_8));
    }

    private static void awaitAnInsertAsleep() {
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5)).until(() -> {
            try (Connection connection = dataSource.getConnection();
                 Statement statement = connection.createStatement();
                 ResultSet sleeping = statement.executeQuery("select count(*) from pg_stat_activity where wait_event = 'PgSleep'")) {
                sleeping.next();
                return sleeping.getInt(1) == 1;
            }
        });
    }

    private static List<StoredEvent> storedEvents(ContextEventLog log) {
        List<StoredEvent> events = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("select global_index, aggregate_id, sequence_number, data"
                     + " from event where context_id = ? order by global_index")) {
            select.setInt(1, log.contextId());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    events.add(new StoredEvent(rows.getLong(1), rows.getString(2), rows.getLong(3), 0, "", "", rows.getBytes(4)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return events;
    }

    private static void assertGapless(List<StoredEvent> stored) {
        assertThat(stored.stream().map(StoredEvent::token)).containsExactlyElementsOf(sequence(stored.size()));
    }

    private static List<Long> sequence(long count) {
        return LongStream.range(0, count).boxed().toList();
    }

    private static List<String> payloads(List<StoredEvent> events) {
        List<String> payloads = new ArrayList<>();
        events.forEach(event -> payloads.add(new String(event.data(), StandardCharsets.UTF_8)));
        assertThat(new HashSet<>(payloads)).hasSameSizeAs(payloads);
        return payloads;
    }
}
