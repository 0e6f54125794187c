package dev.bazaar.query.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.bazaar.embedded.mongo.EmbeddedMongoServer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The service's MongoDB health, against a MongoDB-protocol server over the wire: UP while it answers,
 * DOWN soon after it is gone, although the driver would wait 30 s for a server before failing.
 */
class MongoPingHealthIndicatorTest {

    @Test
    void isUpWhileMongoAnswersAndDownWithinTheTimeoutOnceItIsGone() {
        EmbeddedMongoServer server = EmbeddedMongoServer.start(null, 0);
        try (MongoClient client = MongoClients.create(server.connectionString("catalog"))) {
            MongoPingHealthIndicator indicator = new MongoPingHealthIndicator(new MongoTemplate(client, "catalog"), Duration.ofSeconds(2));
            try {
                assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);

                server.close();
                CompletableFuture<Health> health = CompletableFuture.supplyAsync(indicator::health);
                // Far less than the driver's 30 s server selection timeout: the indicator answers by itself.
                await().atMost(Duration.ofSeconds(10)).until(health::isDone);
                assertThat(health.join().getStatus()).isEqualTo(Status.DOWN);
                assertThat(indicator.health().getStatus()).as("asked again while the first ping still waits").isEqualTo(Status.DOWN);
            } finally {
                indicator.destroy();
            }
        }
    }
}
