package dev.bazaar.query.document;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bson.Document;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * MongoDB health by {@code ping}, answered within {@code bazaar.mongo.health-timeout} (2 s). It replaces
 * Spring Boot's indicator (same bean name), which sends {@code hello}: the MongoDB-protocol server used
 * locally does not know that command, and a database that answers queries must not be reported DOWN.
 *
 * <p>With MongoDB unreachable the driver waits for a server for up to 30 s (its server selection
 * timeout) before it fails, so the ping runs on a thread of its own and a ping that has not answered
 * in time is DOWN. One thread: while a ping hangs, the next ones wait behind it and are DOWN too,
 * rather than piling up threads.
 */
@Component("mongoHealthIndicator")
class MongoPingHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

    private final MongoTemplate mongo;
    private final Duration timeout;
    private final ExecutorService pings = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "mongo-health-ping");
        thread.setDaemon(true);
        return thread;
    });

    MongoPingHealthIndicator(MongoTemplate mongo, @Value("${bazaar.mongo.health-timeout:2s}") Duration timeout) {
        super("MongoDB health check failed");
        this.mongo = mongo;
        this.timeout = timeout;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws InterruptedException, ExecutionException {
        CompletableFuture<Document> ping = CompletableFuture.supplyAsync(() -> mongo.executeCommand(new Document("ping", 1)), pings);
        try {
            ping.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            builder.up().withDetail("database", mongo.getDb().getName());
        } catch (TimeoutException e) {
            builder.down().withDetail("error", "no answer to ping within " + timeout.toMillis() + " ms");
        }
    }

    @Override
    public void destroy() {
        pings.shutdownNow();
    }
}
