package dev.bazaar.embedded.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server killed with SIGKILL keeps a prefix of the writes it acknowledged: a record written after a
 * batch of documents (as a processor stores its token after its batch) never survives without them.
 * H2's own once-a-second commit does not give that (it takes each collection at a different moment),
 * which once let a projection's token outlive the documents of its last batches.
 */
class EmbeddedMongoServerCrashTest {

    @TempDir
    Path dir;

    @RepeatedTest(3)
    void aKilledServerKeepsNoProgressRecordWithoutTheDocumentsWrittenBeforeIt() throws Exception {
        Path dataFile = dir.resolve("mongo.mv");
        Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), WritesInOrder.class.getName(), dataFile.toString())
                .redirectErrorStream(true).start();
        try {
            BufferedReader output = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8));
            int port = portOf(output);
            Thread drain = new Thread(() -> output.lines().forEach(line -> { }));
            drain.setDaemon(true);
            drain.start();
            try (MongoClient client = MongoClients.create("mongodb://localhost:" + port)) {
                // Past H2's first auto-commit, then at a random moment within the next one.
                while (progress(client.getDatabase("crash")) < 500) {
                    Thread.sleep(20);
                }
                Thread.sleep(1_000 + new Random().nextInt(1_000));
            }
        } finally {
            writer.destroyForcibly();
            writer.waitFor(30, TimeUnit.SECONDS);
        }

        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dataFile, 0);
             MongoClient client = MongoClients.create(server.connectionString("crash"))) {
            MongoDatabase database = client.getDatabase("crash");
            long progress = progress(database);
            long documents = database.getCollection("documents").countDocuments() - 1;
            assertThat(progress).as("progress records kept").isPositive();
            assertThat(documents).as("documents kept, with a progress record saying %d", progress).isGreaterThanOrEqualTo(progress);
        }
    }

    private static long progress(MongoDatabase database) {
        Document written = database.getCollection("progress").find(new Document("_id", "written")).first();
        return written == null ? 0 : ((Number) written.get("documents")).longValue();
    }

    private static int portOf(BufferedReader output) throws IOException {
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            if (line.startsWith("port ")) {
                return Integer.parseInt(line.substring(5).trim());
            }
        }
        throw new IllegalStateException("the writer exited before it printed its port");
    }
}
