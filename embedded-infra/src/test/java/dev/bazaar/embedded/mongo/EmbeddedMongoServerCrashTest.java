package dev.bazaar.embedded.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writers on several connections at once, each inserting batches into a collection of its own with two
 * unique indexes besides {@code _id}, and the server (a process of its own) killed with SIGKILL at a
 * random moment, again and again on the same file. After every kill the file holds whole write commands
 * only: each collection's documents and each of its indexes name the same documents, each batch insert
 * is there whole or not at all, and every write acknowledged before the kill is there. A commit taken
 * while another connection's command is half done (an index entry written, its document not yet; half
 * of a batch) puts that half in the file.
 */
class EmbeddedMongoServerCrashTest {

    private static final int WRITERS = 6;
    private static final int KILLS = 10;
    private static final int BATCH = 20;
    /** Each round's documents get ids from their own range, so that a batch lost in a kill is never written twice. */
    private static final long IDS_PER_ROUND = 1_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void everyKillLeavesWholeCommandsOnlyAndEveryAcknowledgedWrite() throws Exception {
        Path dataFile = dir.resolve("mongo.mv");
        Random random = new Random();
        List<AtomicLongArray> acknowledgedPerRound = new ArrayList<>();
        for (int round = 0; round < KILLS; round++) {
            acknowledgedPerRound.add(writeUntilKilled(dataFile, round, 20 + random.nextInt(800)));
            assertWholeCommandsAndAcknowledgedWrites(dataFile, acknowledgedPerRound, round);
        }
    }

    /** Starts the server on the file, writes from every writer until it is killed, and answers how many documents each had acknowledged. */
    private AtomicLongArray writeUntilKilled(Path dataFile, int round, int millisBeforeKill) throws Exception {
        AtomicLongArray acknowledged = new AtomicLongArray(WRITERS);
        AtomicBoolean killing = new AtomicBoolean();
        // A small JVM that starts fast: it is started once per kill.
        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), ServesUntilKilled.class.getName(), dataFile.toString())
                .redirectErrorStream(true).start();
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        try (MongoClient client = MongoClients.create(connectionString(portOf(server)))) {
            MongoDatabase database = client.getDatabase("crash");
            if (round == 0) {
                for (int writer = 0; writer < WRITERS; writer++) {
                    MongoCollection<Document> collection = database.getCollection(collection(writer));
                    collection.createIndex(Indexes.ascending("k"), new IndexOptions().unique(true));
                    collection.createIndex(Indexes.descending("n"), new IndexOptions().unique(true));
                }
            }
            List<Future<?>> running = IntStream.range(0, WRITERS).<Future<?>>mapToObj(writer -> writers.submit(() ->
                    write(database.getCollection(collection(writer)), round, writer, acknowledged, killing))).toList();
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    IntStream.range(0, WRITERS).allMatch(writer -> acknowledged.get(writer) > 0));
            Thread.sleep(millisBeforeKill);
            killing.set(true);
            server.destroyForcibly();
            server.waitFor(30, TimeUnit.SECONDS);
            for (Future<?> writer : running) {
                writer.get(60, TimeUnit.SECONDS);
            }
        } finally {
            writers.shutdownNow();
            server.destroyForcibly();
            server.waitFor(30, TimeUnit.SECONDS);
        }
        return acknowledged;
    }

    /** Inserts batches until a write fails because the server was killed; counts the documents of each batch the server acknowledged. */
    private static void write(MongoCollection<Document> collection, int round, int writer, AtomicLongArray acknowledged, AtomicBoolean killing) {
        for (long next = 0; ; next += BATCH) {
            List<Document> batch = new ArrayList<>();
            for (long id = next; id < next + BATCH; id++) {
                long documentId = round * IDS_PER_ROUND + id;
                batch.add(new Document("_id", documentId).append("k", "k-" + documentId).append("n", documentId).append("text", "x".repeat(200)));
            }
            try {
                collection.insertMany(batch);
            } catch (MongoException e) {
                if (killing.get()) {
                    return;
                }
                throw e;
            }
            acknowledged.set(writer, next + BATCH);
        }
    }

    private static void assertWholeCommandsAndAcknowledgedWrites(Path dataFile, List<AtomicLongArray> acknowledgedPerRound, int kill) {
        try (MVStore store = new MVStore.Builder().fileName(dataFile.toString()).readOnly().open()) {
            for (int writer = 0; writer < WRITERS; writer++) {
                String namespace = "crash." + collection(writer);
                Set<Object> documents = new HashSet<>(MvStoreDatabase.documentsMap(store, MapNames.documents(namespace)).keySet());
                for (String index : List.of("_id_", "k_1", "n_-1")) {
                    Set<Object> indexed = new HashSet<>(MvStoreDatabase.indexMap(store, MapNames.index(namespace, index)).values());
                    assertThat(firstFew(documents, indexed)).as("documents of %s without an entry in index %s after kill %d",
                            namespace, index, kill + 1).isEmpty();
                    assertThat(firstFew(indexed, documents)).as("entries of index %s of %s without their document after kill %d",
                            index, namespace, kill + 1).isEmpty();
                }
                List<Long> partialBatches = documents.stream().collect(Collectors.groupingBy(id -> (Long) id / BATCH, Collectors.counting()))
                        .entrySet().stream().filter(batch -> batch.getValue() != BATCH).map(batch -> batch.getKey() * BATCH).limit(5).toList();
                assertThat(partialBatches).as("first ids of the insertMany commands of %s found in part after kill %d", namespace, kill + 1)
                        .isEmpty();
                for (int round = 0; round < acknowledgedPerRound.size(); round++) {
                    long firstId = round * IDS_PER_ROUND;
                    List<Long> lost = LongStream.range(firstId, firstId + acknowledgedPerRound.get(round).get(writer))
                            .filter(id -> !documents.contains(id)).limit(5).boxed().toList();
                    assertThat(lost).as("acknowledged documents of %s missing after kill %d (of round %d)", namespace, kill + 1, round + 1)
                            .isEmpty();
                }
            }
        }
    }

    /** Up to five elements of {@code these} that {@code others} lacks. */
    private static List<Object> firstFew(Set<Object> these, Set<Object> others) {
        return these.stream().filter(element -> !others.contains(element)).limit(5).toList();
    }

    private static String collection(int writer) {
        return "writer" + writer;
    }

    /** Fails fast once the server is gone instead of waiting the driver's 30 s, and never retries a write the kill cut off. */
    private static String connectionString(int port) {
        return "mongodb://localhost:" + port + "/?retryWrites=false&serverSelectionTimeoutMS=2000";
    }

    private static int portOf(Process server) throws IOException {
        BufferedReader output = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            if (line.startsWith("port ")) {
                Thread drain = new Thread(() -> output.lines().forEach(ignored -> { }));
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(line.substring(5).trim());
            }
        }
        throw new IllegalStateException("the server exited before it printed its port");
    }
}
