package dev.bazaar.query.relational.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bazaar.process.JavaProcess;
import dev.bazaar.process.Readiness;
import dev.bazaar.query.relational.RelationalQueryApplication;
import dev.bazaar.query.relational.ServiceAgainstNode;
import dev.bazaar.testsupport.AxonServerNode;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A rebuild killed with SIGKILL half-way resumes when the service starts again and ends with the read
 * model built live. The service runs as a process of its own (this module's classes, started through a
 * jar whose manifest names the test classpath), with its own embedded PostgreSQL, against the shared node;
 * small batches keep the rebuild long enough to be caught in the middle.
 */
class KilledRebuildTest extends ServiceAgainstNode {

    private static final Duration CAUGHT_UP = Duration.ofSeconds(120);

    @Autowired
    EventStore eventStore;

    @TempDir
    Path dir;

    @Test
    void aRebuildKilledHalfWayResumesOnRestartToTheSameReadModel() throws Exception {
        History history = History.of(1400, 2800, 2);
        assertThat(history.size()).isGreaterThanOrEqualTo(10_000);
        history.appendTo(eventStore);
        int httpPort = JavaProcess.freePort();
        int postgresPort = JavaProcess.freePort();
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(
                "jdbc:postgresql://localhost:" + postgresPort + "/relational", "postgres", ""));
        AdminClient admin = new AdminClient(httpPort);

        try (JavaProcess service = start(httpPort, postgresPort)) {
            await().atMost(CAUGHT_UP).pollInterval(Duration.ofMillis(200))
                    .until(() -> admin.liveAndCaughtUp("customers") && admin.liveAndCaughtUp("orders"));
            String builtLive = ReadModelDump.of(jdbc);
            int orders = ReadModelDump.liveGeneration(jdbc, "orders");

            assertThat(admin.post("/admin/projections/rebuild").status()).isEqualTo(202);
            await().atMost(CAUGHT_UP).pollInterval(Duration.ofMillis(20)).until(() -> halfWay(admin.projection("orders")));
            service.kill();

            assertThat(jdbc.queryForObject("SELECT building FROM read_model_generation WHERE read_model = 'orders'", Integer.class))
                    .as("killed while generation %d of orders was being built", orders + 1).isEqualTo(orders + 1);

            service.restart(Duration.ofSeconds(120));
            await().atMost(CAUGHT_UP).pollInterval(Duration.ofMillis(200))
                    .until(() -> admin.liveAndCaughtUp("customers") && admin.liveAndCaughtUp("orders"));

            assertThat(ReadModelDump.liveGeneration(jdbc, "orders")).as("the same rebuild went on").isEqualTo(orders + 1);
            assertThat(ReadModelDump.of(jdbc)).isEqualTo(builtLive);
        }
    }

    private static boolean halfWay(JsonNode orders) {
        long head = orders.get("head").asLong();
        return orders.get("state").asText().equals("REBUILDING") && orders.get("position").asLong() > head / 3
                && orders.get("position").asLong() < head * 2 / 3;
    }

    private JavaProcess start(int httpPort, int postgresPort) throws IOException {
        List<String> args = List.of(
                "--server.port=" + httpPort,
                "--axon.axonserver.servers=" + AxonServerNode.shared().grpcAddress(),
                "--bazaar.embedded-postgres.data-dir=" + dir.resolve("postgres"),
                "--bazaar.embedded-postgres.port=" + postgresPort,
                "--axon.eventhandling.processors.customers.batch-size=20",
                "--axon.eventhandling.processors.orders.batch-size=20");
        return JavaProcess.start("query-relational", classpathJar(), List.of("-Xmx384m", "-XX:+UseSerialGC"), args,
                Map.of(), dir.resolve("service.log"),
                Readiness.httpHealth(URI.create("http://localhost:" + httpPort + "/actuator/health")), Duration.ofSeconds(120));
    }

    /** A jar holding only a manifest: the service's main class and this test's classpath. */
    private Path classpathJar() throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, RelationalQueryApplication.class.getName());
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, Arrays.stream(classpath.split(File.pathSeparator))
                .map(entry -> Path.of(entry).toUri().toString()).collect(Collectors.joining(" ")));
        Path jar = dir.resolve("query-relational-classpath.jar");
        try (JarOutputStream ignored = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            return jar;
        }
    }
}
