package dev.bazaar.query.document.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.bazaar.embedded.mongo.EmbeddedMongoServer;
import dev.bazaar.process.JavaProcess;
import dev.bazaar.testsupport.AxonServerNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of this service, each a process of its own, against one MongoDB-protocol server: each
 * processor's 2 segments are split 1 and 1 (the admin API names the instance holding each), a burst of
 * reviews is projected by both, and when one is killed with SIGKILL the other claims its segments within a
 * bounded time (its heartbeat ages out and its claims time out, 10 s each) and the read model ends complete
 * and equal to a clean rebuild.
 */
class TwoInstancesTest extends ServiceAgainstTheNode {

    private static final Duration PATIENCE = Duration.ofMinutes(2);
    /** Heartbeat expiry (10 s) + claim timeout (10 s) + claim interval (5 s), with room for a loaded machine. */
    private static final Duration TAKEOVER = Duration.ofSeconds(60);
    private static final List<String> PROCESSORS = List.of("catalog", "reviews");

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path directory;

    @Test
    void theSegmentsAreSplitBothProjectABurstAndTheSurvivorTakesOverTheSegmentsOfAKilledInstance() throws IOException {
        ShopHistory.of("two-" + suffix, 10, 2).appendTo(events);
        long head = head();
        int portA = JavaProcess.freePort();
        int portB = JavaProcess.freePort();
        AdminClient a = new AdminClient("http://localhost:" + portA, ADMIN, PASSWORD);
        AdminClient b = new AdminClient("http://localhost:" + portB, ADMIN, PASSWORD);
        EmbeddedMongoServer mongoServer = EmbeddedMongoServer.start(null, 0);
        try (mongoServer;
             MongoClient client = MongoClients.create(mongoServer.connectionString("catalog"));
             JavaProcess first = ServiceProcess.start(Files.createDirectories(directory.resolve("a")), args(portA, mongoServer), portA)) {
            await().atMost(PATIENCE).until(() -> a.liveAt("catalog", head) && a.liveAt("reviews", head));

            try (JavaProcess second = ServiceProcess.start(Files.createDirectories(directory.resolve("b")), args(portB, mongoServer), portB)) {
                await().atMost(PATIENCE).until(() -> PROCESSORS.stream().allMatch(p -> held(a, p) == 1 && held(b, p) == 1));
                for (String processor : PROCESSORS) {
                    assertThat(owners(a, processor)).allSatisfy(owner -> assertThat(owner).startsWith("query-document@").endsWith(":" + portA));
                    assertThat(owners(b, processor)).allSatisfy(owner -> assertThat(owner).startsWith("query-document@").endsWith(":" + portB));
                }

                ShopHistory burst = ShopHistory.of("burst-" + suffix, 30, 20);
                burst.appendTo(events);
                long afterBurst = head();
                await().atMost(PATIENCE).until(() -> PROCESSORS.stream()
                        .allMatch(p -> allAt(a, p, afterBurst, 1) && allAt(b, p, afterBurst, 1)));

                second.kill();
                ShopHistory afterKill = ShopHistory.of("after-" + suffix, 10, 3);
                afterKill.appendTo(events);
                long end = head();
                try {
                    await().atMost(TAKEOVER).until(() -> a.liveAt("catalog", end) && a.liveAt("reviews", end));
                } catch (ConditionTimeoutException e) {
                    throw new AssertionError("The survivor did not take over: " + a.get("/admin/projections").body()
                            + "\n" + first.lastLogLines(40), e);
                }
            }

            Map<String, List<String>> projected = ReadModelDump.of(client.getDatabase("catalog"));
            assertThat(projected.get("products")).filteredOn(ReadModelDump.idStartsWith("burst-" + suffix)).hasSize(30);
            assertThat(projected.get("products")).filteredOn(ReadModelDump.idStartsWith("after-" + suffix)).hasSize(10);
            long catalog = a.projection("catalog").get("generation").asLong();
            long reviews = a.projection("reviews").get("generation").asLong();
            assertThat(a.post("/admin/projections/rebuild").status()).isEqualTo(202);
            long rebuiltHead = head();
            await().atMost(PATIENCE).until(() -> a.projection("catalog").get("generation").asLong() == catalog + 1
                    && a.projection("reviews").get("generation").asLong() == reviews + 1
                    && a.liveAt("catalog", rebuiltHead) && a.liveAt("reviews", rebuiltHead));
            ReadModelDump.assertSame("two-instances", ReadModelDump.of(client.getDatabase("catalog")), projected);
        }
    }

    private static List<String> args(int httpPort, EmbeddedMongoServer mongoServer) {
        return List.of(
                "--server.port=" + httpPort,
                "--axon.axonserver.servers=" + AxonServerNode.shared().grpcAddress(),
                "--spring.data.mongodb.uri=" + mongoServer.connectionString("catalog"));
    }

    private static List<JsonNode> segments(AdminClient instance, String processor) {
        return StreamSupport.stream(instance.projection(processor).get("segments").spliterator(), false).toList();
    }

    private static int held(AdminClient instance, String processor) {
        return segments(instance, processor).size();
    }

    private static List<String> owners(AdminClient instance, String processor) {
        return segments(instance, processor).stream().map(segment -> segment.get("owner").asText()).toList();
    }

    private static boolean allAt(AdminClient instance, String processor, long index, int segments) {
        List<JsonNode> held = segments(instance, processor);
        return held.size() == segments && held.stream().allMatch(segment -> segment.get("position").asLong() >= index);
    }
}
