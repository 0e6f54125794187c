package dev.bazaar.query.document.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.bazaar.process.JavaProcess;
import dev.bazaar.testsupport.AxonServerNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rebuild killed with SIGKILL in the middle resumes when the service starts again and ends with the
 * read model it would have built anyway. The service runs as a process of its own, its MongoDB data
 * in a file, against the shared node; this test's Spring context only appends the history.
 *
 * <p>The service is started with batches of 5 events so that the rebuild of the history lasts long enough
 * to be killed half-way (with 25, the tracking processors replayed the 10,000 events of this test alone in
 * 2.5 s, past half-way before the two seconds below), and the kill comes at least two seconds after the rebuild began,
 * with batches written and tokens stored since. This test found that the embedded MongoDB-protocol
 * server's file could keep a token without the documents of the batches before it (see
 * {@code DurableH2Backend} in embedded-infra); when the dumps differ, the failure names the first
 * documents that do, and both dumps are in {@code target/dumps}.
 */
class RebuildAfterSigkillTest extends ServiceAgainstTheNode {

    private static final Duration PATIENCE = Duration.ofMinutes(2);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path directory;

    @Test
    void aRebuildKilledHalfWayResumesAfterARestartAndEndsWithTheSameReadModel() throws Exception {
        ShopHistory history = ShopHistory.of("k" + suffix, 420, 12);
        history.appendTo(events);
        long head = head();
        int httpPort = JavaProcess.freePort();
        int mongoPort = JavaProcess.freePort();
        List<String> args = List.of(
                "--server.port=" + httpPort,
                "--axon.axonserver.servers=" + AxonServerNode.shared().grpcAddress(),
                "--bazaar.embedded-mongo.port=" + mongoPort,
                "--bazaar.embedded-mongo.data-file=" + directory.resolve("mongo.mv"),
                "--bazaar.processors.batch-size=5");
        AdminClient service = new AdminClient("http://localhost:" + httpPort, ADMIN, PASSWORD);

        try (JavaProcess process = ServiceProcess.start(directory, args, httpPort);
             MongoClient client = MongoClients.create("mongodb://localhost:" + mongoPort)) {
            await().atMost(PATIENCE).until(() -> service.liveAt("catalog", head) && service.liveAt("reviews", head));
            Map<String, List<String>> builtLive = ReadModelDump.of(client.getDatabase("catalog"));
            assertThat(builtLive.get("products")).filteredOn(ReadModelDump.idStartsWith(history.prefix)).hasSize(420);
            long catalog = service.projection("catalog").get("generation").asLong();
            long reviews = service.projection("reviews").get("generation").asLong();

            assertThat(service.post("/admin/projections/rebuild").status()).isEqualTo(202);
            long started = System.nanoTime();
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).until(() ->
                    System.nanoTime() - started > Duration.ofSeconds(2).toNanos() && halfWay(service.projection("catalog"), head));
            JsonNode killedAt = service.projection("catalog");
            assertThat(killedAt.get("state").asText()).as("still rebuilding when killed").isEqualTo("REBUILDING");
            process.kill();

            process.restart(ServiceProcess.STARTUP);
            JsonNode resumed = service.projection("catalog");
            assertThat(resumed.get("state").asText()).isEqualTo("REBUILDING");
            assertThat(resumed.get("generation").asLong()).isEqualTo(catalog);
            assertThat(resumed.get("buildingGeneration").asLong()).isEqualTo(catalog + 1);
            try {
                await().atMost(PATIENCE).until(() -> service.liveAt("catalog", head) && service.liveAt("reviews", head));
            } catch (ConditionTimeoutException e) {
                throw new AssertionError("The resumed rebuild did not end: " + service.get("/admin/projections").body()
                        + "\n" + process.lastLogLines(60), e);
            }

            assertThat(service.projection("catalog").get("generation").asLong()).isEqualTo(catalog + 1);
            assertThat(service.projection("reviews").get("generation").asLong()).isEqualTo(reviews + 1);
            ReadModelDump.assertSame("rebuilt-after-sigkill", ReadModelDump.of(client.getDatabase("catalog")), builtLive);
        }
    }

    /** Between a quarter and three quarters of the history replayed. */
    private static boolean halfWay(JsonNode status, long head) {
        long position = status.get("position").asLong();
        return position >= head / 4 && position <= head * 3 / 4;
    }
}
