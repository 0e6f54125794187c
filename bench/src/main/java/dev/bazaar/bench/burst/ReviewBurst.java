package dev.bazaar.bench.burst;

import static dev.bazaar.bench.replay.ReplayProcesses.freePort;
import static dev.bazaar.bench.replay.ReplayProcesses.start;
import static dev.bazaar.bench.replay.ReplayProcesses.stop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import dev.bazaar.api.catalog.ProductAdded;
import dev.bazaar.api.catalog.ProductId;
import dev.bazaar.api.common.Money;
import dev.bazaar.api.customer.CustomerId;
import dev.bazaar.api.reviews.ReviewId;
import dev.bazaar.api.reviews.ReviewSubmitted;
import dev.bazaar.bench.replay.ReplayProcesses;
import dev.bazaar.bench.replay.ReplayProcesses.Admin;
import dev.bazaar.embedded.mongo.EmbeddedMongoServer;
import io.axoniq.axonserver.connector.AxonServerConnection;
import io.axoniq.axonserver.connector.AxonServerConnectionFactory;
import io.axoniq.axonserver.connector.event.AppendEventsTransaction;
import io.axoniq.axonserver.connector.impl.ServerAddress;
import io.axoniq.axonserver.grpc.SerializedObject;
import io.axoniq.axonserver.grpc.event.Event;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.axonframework.serialization.Revision;

/**
 * A burst of reviews projected by one, then by two instances of the document service sharing one MongoDB:
 * how many events per second the read models take in, and what limits it.
 *
 * <p>Starts the node as a process and an embedded MongoDB-protocol server (the one a local run uses, with its
 * data file) inside this JVM. Each round gets a database of its own on that server and starts its instances
 * (processes from the service's exec jar) against it; they first catch up with what earlier rounds left in the
 * store, then {@code bench.reviews} {@code ReviewSubmitted} events (default 20,000, over 500 products added
 * before) are appended in transactions of 1,000, and the round lasts from the first append until every
 * instance's segments of both processors ({@code catalog}, {@code reviews}) have reached the head. With two
 * instances each holds 1 of each processor's 2 segments (checked before the burst). Meanwhile the CPU time of
 * each process is read from {@code /proc}: the one that used the most of the machine's cores is what limits
 * the round; when together they use far less than the cores, the machine's other load does. The services'
 * CPU milliseconds per event hardly depend on that load, so runs on a shared machine compare by it.
 */
public final class ReviewBurst {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final List<String> PROCESSORS = List.of("catalog", "reviews");
    private static final int PRODUCTS = 500;

    private ReviewBurst() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: ReviewBurst <axonserver exec jar> <query-document exec jar>");
            System.exit(2);
        }
        Path work = Files.createTempDirectory("bench-burst-");
        int grpc = freePort();
        int nodeHttp = freePort();
        Process node = startNode(args[0], grpc, nodeHttp, work);
        System.out.println("logs in " + work);
        int reviews = Integer.getInteger("bench.reviews", 20_000);
        String serviceHeap = System.getProperty("bench.service-heap", "512m");
        AxonServerConnectionFactory factory = AxonServerConnectionFactory.forClient("bench-burst", "bench-" + UUID.randomUUID())
                .routingServers(new ServerAddress("localhost", grpc)).build();
        try (EmbeddedMongoServer mongo = EmbeddedMongoServer.start(work.resolve("mongo").resolve("mongo.mv"), 0)) {
            awaitStarted(nodeHttp, node);
            AxonServerConnection connection = factory.connect("default");
            append(connection, products());
            List<Round> rounds = new ArrayList<>();
            for (int instances = 1; instances <= 2; instances++) {
                rounds.add(round(instances, reviews, args[1], serviceHeap, grpc, mongo, connection, node, work));
                System.out.println(rounds.get(rounds.size() - 1).row());
            }
            System.out.println();
            System.out.println("| instances | events | seconds | events/s | cores used (of " + Runtime.getRuntime().availableProcessors()
                    + " cores) by: service(s) / MongoDB server + this harness / node | service CPU ms per event | machine load (1 min) |");
            System.out.println("| ---: | ---: | ---: | ---: | --- | ---: | ---: |");
            rounds.forEach(round -> System.out.println(round.row()));
            System.out.println("results in " + writeResults(rounds));
        } finally {
            factory.shutdown();
            stop(node);
        }
    }

    private static Process startNode(String jar, int grpc, int http, Path work) throws IOException {
        return start(List.of("-Xmx1g", "-XX:+UseSerialGC", "-jar", jar, "--bazaar.node.grpc-port=" + grpc, "--server.port=" + http,
                "--bazaar.embedded-postgres.data-dir=" + work.resolve("node")), work.resolve("node.log"));
    }

    private static Round round(int instances, int reviews, String serviceJar, String serviceHeap, int grpc, EmbeddedMongoServer mongo,
                               AxonServerConnection connection, Process node, Path work) throws Exception {
        List<Process> services = new ArrayList<>();
        List<Admin> admins = new ArrayList<>();
        try {
            for (int i = 0; i < instances; i++) {
                int http = freePort();
                services.add(start(List.of("-Xmx" + serviceHeap, "-jar", serviceJar, "--server.port=" + http,
                        "--axon.axonserver.servers=localhost:" + grpc,
                        "--spring.data.mongodb.uri=" + mongo.connectionString("burst" + instances)),
                        work.resolve("document-" + instances + "-" + i + ".log")));
                awaitStarted(http, services.get(i));
                admins.add(new Admin(http));
            }
            awaitSplitAndCaughtUp(admins, 2 / instances);
            System.out.printf(Locale.ROOT, "%d instance(s): segments split, caught up; appending %,d reviews%n", instances, reviews);
            Cpu cpu = new Cpu(services, node);
            long start = System.nanoTime();
            append(connection, reviews(instances, reviews));
            awaitSplitAndCaughtUp(admins, 2 / instances);
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Round(instances, reviews, seconds, cpu.used(seconds), loadAverage());
        } finally {
            stop(services.toArray(Process[]::new));
        }
    }

    /**
     * Until the process answers healthy: {@code bench.start-timeout} seconds at most (300; a service has taken
     * over 120 s to start on this machine while it was shared with other builds).
     */
    private static void awaitStarted(int port, Process process) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Integer.getInteger("bench.start-timeout", 300));
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("nothing healthy on port " + port + (process.isAlive() ? " in time" : ": the process exited"));
    }

    /** Until every instance holds its share of each processor's segments, each at the head. */
    private static void awaitSplitAndCaughtUp(List<Admin> admins, int share) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (System.nanoTime() < deadline) {
            boolean done = true;
            for (Admin admin : admins) {
                for (JsonNode projection : admin.get("/admin/projections").get("projections")) {
                    if (!PROCESSORS.contains(projection.get("name").asText())) {
                        continue;
                    }
                    long head = projection.get("head").asLong();
                    JsonNode segments = projection.get("segments");
                    boolean atHead = segments.size() == share;
                    for (JsonNode segment : segments) {
                        atHead &= segment.get("position").asLong() >= head;
                    }
                    done &= atHead && projection.get("state").asText().equals("LIVE");
                }
            }
            if (done) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the instances did not split the segments and catch up within 10 minutes");
    }

    private static List<Event> products() {
        List<Event> events = new ArrayList<>();
        for (int p = 0; p < PRODUCTS; p++) {
            ProductId product = ProductId.of("burst-p" + p);
            events.add(event("Product", product.value(), new ProductAdded(product, "Product " + p, "Reviewed in bursts",
                    Money.of(1_000 + p, "EUR"), 100, Map.of("burst", "yes"))));
        }
        return events;
    }

    private static List<Event> reviews(int round, int count) {
        List<Event> events = new ArrayList<>();
        for (int r = 0; r < count; r++) {
            ReviewId review = ReviewId.of("burst-" + round + "-r" + r);
            events.add(event("Review", review.value(), new ReviewSubmitted(review, ProductId.of("burst-p" + (r % PRODUCTS)),
                    CustomerId.of("c-" + r % 5_000), 1 + r % 5, "Review " + r)));
        }
        return events;
    }

    private static void append(AxonServerConnection connection, List<Event> events) throws Exception {
        for (int from = 0; from < events.size(); from += 1_000) {
            AppendEventsTransaction transaction = connection.eventChannel().startAppendEventsTransaction();
            events.subList(from, Math.min(events.size(), from + 1_000)).forEach(transaction::appendEvent);
            transaction.commit().get(60, TimeUnit.SECONDS);
        }
    }

    private static Event event(String type, String id, Object payload) {
        Revision revision = payload.getClass().getAnnotation(Revision.class);
        try {
            return Event.newBuilder().setMessageIdentifier(UUID.randomUUID().toString()).setAggregateType(type)
                    .setAggregateIdentifier(id).setAggregateSequenceNumber(0).setTimestamp(System.currentTimeMillis())
                    .setPayload(SerializedObject.newBuilder().setType(payload.getClass().getName())
                            .setRevision(revision == null ? "" : revision.value())
                            .setData(ByteString.copyFrom(JSON.writeValueAsBytes(payload))))
                    .build();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double loadAverage() throws IOException {
        return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    }

    private static Path writeResults(List<Round> rounds) throws IOException {
        return ReplayProcesses.writeResults("burst", Map.of("rounds", rounds));
    }

    /** CPU cores used during a round, on average: by the service instances, by this JVM (the MongoDB server), by the node. */
    record CoresUsed(double services, double mongoAndHarness, double node) {

        String limit() {
            double most = Math.max(services, Math.max(mongoAndHarness, node));
            String who = most == services ? "the service(s)" : most == mongoAndHarness ? "the MongoDB server" : "the node";
            return who;
        }
    }

    record Round(int instances, int events, double seconds, CoresUsed cores, double load) {

        String row() {
            return String.format(Locale.ROOT, "| %d | %,d | %.1f | %,.0f | %.2f / %.2f / %.2f: most by %s | %.2f | %.2f |", instances,
                    events, seconds, events / seconds, cores.services(), cores.mongoAndHarness(), cores.node(), cores.limit(),
                    cores.services() * seconds * 1000 / events, load);
        }
    }

    /** CPU seconds from {@code /proc/<pid>/stat} (user + system), taken at the start of a round. */
    private static final class Cpu {

        private final List<Process> services;
        private final Process node;
        private final double services0;
        private final double self0;
        private final double node0;

        Cpu(List<Process> services, Process node) {
            this.services = services;
            this.node = node;
            this.services0 = services.stream().mapToDouble(process -> seconds(process.pid())).sum();
            this.self0 = seconds(ProcessHandle.current().pid());
            this.node0 = seconds(node.pid());
        }

        CoresUsed used(double wallSeconds) {
            return new CoresUsed((services.stream().mapToDouble(process -> seconds(process.pid())).sum() - services0) / wallSeconds,
                    (seconds(ProcessHandle.current().pid()) - self0) / wallSeconds, (seconds(node.pid()) - node0) / wallSeconds);
        }

        private static double seconds(long pid) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.ISO_8859_1);
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
            } catch (IOException e) {
                return 0;
            }
        }
    }
}
