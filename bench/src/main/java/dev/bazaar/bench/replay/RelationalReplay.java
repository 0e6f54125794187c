package dev.bazaar.bench.replay;

import static dev.bazaar.bench.replay.ReplayProcesses.awaitHealthy;
import static dev.bazaar.bench.replay.ReplayProcesses.freePort;
import static dev.bazaar.bench.replay.ReplayProcesses.json;
import static dev.bazaar.bench.replay.ReplayProcesses.row;
import static dev.bazaar.bench.replay.ReplayProcesses.rssKb;
import static dev.bazaar.bench.replay.ReplayProcesses.start;
import static dev.bazaar.bench.replay.ReplayProcesses.stop;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import dev.bazaar.bench.replay.ReplayProcesses.Admin;
import dev.bazaar.bench.replay.relational.NaiveProjectionApplication;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Rebuilds the relational read models (query-side/relational) from a store of mixed customer and order
 * events and reports events/s and total time per read model, with the service's peak resident memory.
 *
 * <p>Starts the node and the relational service as processes (their exec jars, the way they run in
 * production), appends {@code bench.events} events (default 1,000,000: 30% customer events, 70% order
 * events, every type) as the JSON the services store, waits for the service to build its read models
 * live, then asks the admin API to rebuild each read model in turn and polls it until it is live again. A
 * read model's rate is the number of events in the store (every one of them passes through its processor)
 * divided by the time from the rebuild request until it was live again (the admin API is polled every
 * 200 ms and the service checks for the switch every 500 ms, so short runs understate the rate).
 *
 * <p>Then, beside them in the same table, the naive projection ({@code replay.relational}): the same store
 * replayed from the tail into a database of its own, one {@code CrudRepository.save} and one transaction
 * per event. It is measured for at most {@code bench.naive-seconds} (default 180) and its total time
 * estimated from its rate when it has not caught up by then ({@code -Dbench.skip-naive=true} leaves it
 * out). Beside the wall-clock figures, the CPU time the service and its PostgreSQL used during each
 * rebuild: on a machine shared with other work, events/s swing with the load, CPU seconds much less. The
 * table is also written as JSON to {@code bench.results} (default {@code bench/results}).
 */
public final class RelationalReplay {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CUSTOMER = "dev.bazaar.api.customer.";
    private static final String ORDER = "dev.bazaar.api.ordering.";

    private RelationalReplay() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: RelationalReplay <axonserver exec jar> <query-relational exec jar> <bench jar>");
            System.exit(2);
        }
        int events = Integer.getInteger("bench.events", 1_000_000);
        String serviceHeap = System.getProperty("bench.service-heap", "512m");
        // The naive projection is slow: it is measured for at most this long, and its total time estimated.
        int naiveSeconds = Integer.getInteger("bench.naive-seconds", 180);
        boolean naiveToo = !Boolean.getBoolean("bench.skip-naive");
        // Extra JVM options of the service, e.g. -XX:StartFlightRecording=filename=relational.jfr to profile it.
        List<String> serviceOptions = List.of(System.getProperty("bench.service-jvm", "").split(" ")).stream()
                .filter(option -> !option.isBlank()).toList();
        Path work = Files.createTempDirectory("bench-replay-");
        System.out.println("logs in " + work);
        int grpc = freePort();
        int nodeHttp = freePort();
        int serviceHttp = freePort();
        Process node = start(List.of("-Xmx1g", "-XX:+UseSerialGC", "-jar", args[0], "--bazaar.node.grpc-port=" + grpc,
                "--server.port=" + nodeHttp, "--bazaar.embedded-postgres.data-dir=" + work.resolve("node")), work.resolve("node.log"));
        Process service = null;
        Process naive = null;
        try {
            awaitHealthy(nodeHttp, node);
            long appendStart = System.nanoTime();
            int appended = append(grpc, events);
            double appendSeconds = (System.nanoTime() - appendStart) / 1e9;
            System.out.printf(Locale.ROOT, "appended %,d events in %.1f s (%,.0f events/s)%n", appended, appendSeconds, appended / appendSeconds);

            Path serviceDatabase = work.resolve("relational");
            List<String> serviceCommand = new ArrayList<>(List.of("-Xmx" + serviceHeap));
            serviceCommand.addAll(serviceOptions);
            serviceCommand.addAll(List.of("-jar", args[1], "--server.port=" + serviceHttp,
                    "--axon.axonserver.servers=localhost:" + grpc,
                    "--bazaar.embedded-postgres.data-dir=" + serviceDatabase));
            service = start(serviceCommand, work.resolve("relational.log"));
            awaitHealthy(serviceHttp, service);
            Admin admin = new Admin(serviceHttp);
            long liveStart = System.nanoTime();
            admin.awaitLive(List.of("customers", "orders"), service.pid(), liveStart);
            System.out.printf(Locale.ROOT, "built live from the tail in %.1f s%n", (System.nanoTime() - liveStart) / 1e9);

            List<String> rows = new ArrayList<>();
            List<Map<String, Object>> results = new ArrayList<>();
            for (String name : List.of("customers", "orders")) {
                double serviceCpu = CpuTime.seconds(service.pid());
                double postgresCpu = CpuTime.postgresSeconds(serviceDatabase);
                long rebuildStart = System.nanoTime();
                admin.post("/admin/projections/" + name + "/rebuild");
                Admin.Result result = admin.awaitLive(List.of(name), service.pid(), rebuildStart);
                double seconds = result.seconds(name);
                serviceCpu = CpuTime.seconds(service.pid()) - serviceCpu;
                postgresCpu = CpuTime.postgresSeconds(serviceDatabase) - postgresCpu;
                rows.add(row(name, appended, seconds, result.peakRssKb())
                        + String.format(Locale.ROOT, " %.1f s | %.1f s |", serviceCpu, postgresCpu));
                System.out.println(rows.get(rows.size() - 1));
                Map<String, Object> figures = json(name, appended, seconds, result.peakRssKb());
                figures.put("serviceCpuSeconds", serviceCpu);
                figures.put("postgresCpuSeconds", postgresCpu);
                results.add(figures);
            }
            long head = admin.get("/admin/projections").get("projections").get(0).get("head").asLong();
            service.destroy();
            service.waitFor(30, TimeUnit.SECONDS);
            service = null;

            if (naiveToo) {
                int naiveHttp = freePort();
                naive = start(List.of("-Xmx" + serviceHeap, "-Dloader.main=" + NaiveProjectionApplication.class.getName(), "-cp", args[2],
                        "org.springframework.boot.loader.launch.PropertiesLauncher", "--server.port=" + naiveHttp,
                        "--axon.axonserver.servers=localhost:" + grpc, "--bazaar.embedded-postgres.data-dir=" + work.resolve("naive")),
                        work.resolve("naive.log"));
                NaiveRun run = NaiveRun.await(naiveHttp, naive, head, naiveSeconds);
                rows.add(run.row(appended) + " | |");
                Map<String, Object> naiveResult = json("naive", run.events(), run.seconds(), run.peakRssKb());
                naiveResult.put("caughtUp", run.caughtUp());
                naiveResult.put("estimatedSecondsForAll", appended / (run.events() / run.seconds()));
                results.add(naiveResult);
            }
            System.out.println();
            System.out.println("| read model | events replayed | total time | events/s | service peak RSS (heap -Xmx" + serviceHeap
                    + ") | service CPU | its PostgreSQL's CPU |");
            System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
            rows.forEach(System.out::println);
            Path file = writeResults(appended, serviceHeap, results);
            System.out.println("results in " + file);
        } finally {
            stop(service, naive, node);
        }
    }

    private static Path writeResults(int appended, String serviceHeap, List<Map<String, Object>> results) throws IOException {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("eventsInStore", appended);
        figures.put("serviceHeap", "-Xmx" + serviceHeap);
        figures.put("results", results);
        return ReplayProcesses.writeResults("replay-relational", figures);
    }

    /** Appends the events in transactions of about 500, four in flight; returns how many. */
    private static int append(int grpcPort, int events) throws Exception {
        AxonServerConnectionFactory factory = AxonServerConnectionFactory.forClient("bench-replay", "bench-" + UUID.randomUUID())
                .routingServers(new ServerAddress("localhost", grpcPort)).build();
        try {
            AxonServerConnection connection = factory.connect("default");
            Random random = new Random(42);
            List<CompletableFuture<?>> inFlight = new ArrayList<>();
            AppendEventsTransaction transaction = connection.eventChannel().startAppendEventsTransaction();
            int count = 0;
            int inTransaction = 0;
            int aggregate = 0;
            while (count < events) {
                List<Event> history = random.nextInt(10) < 3 ? customer("c-" + aggregate, random) : order("o-" + aggregate, random);
                aggregate++;
                for (Event event : history) {
                    transaction.appendEvent(event);
                    count++;
                    inTransaction++;
                }
                // An aggregate's events stay in one transaction: transactions in flight may commit in any order.
                if (inTransaction >= 500) {
                    inFlight.add(transaction.commit());
                    transaction = connection.eventChannel().startAppendEventsTransaction();
                    inTransaction = 0;
                    if (inFlight.size() == 4) {
                        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
                        inFlight.clear();
                    }
                }
            }
            inFlight.add(transaction.commit());
            CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            return count;
        } finally {
            factory.shutdown();
        }
    }

    private static List<Event> customer(String id, Random random) {
        List<Event> events = new ArrayList<>();
        events.add(event("Customer", id, 0, CUSTOMER + "CustomerRegistered", "2",
                "{\"customerId\":\"" + id + "\",\"givenName\":\"Ann\",\"familyName\":\"" + id + "\",\"email\":\"" + id + "@example.com\"}"));
        events.add(event("Customer", id, 1, CUSTOMER + "CustomerProfileUpdated", "1",
                "{\"customerId\":\"" + id + "\",\"name\":\"Ann " + id + " Renamed\",\"email\":\"" + id + ".new@example.com\"}"));
        if (random.nextBoolean()) {
            events.add(event("Customer", id, 2, CUSTOMER + "CustomerDeactivated", "1", "{\"customerId\":\"" + id + "\"}"));
        }
        return events;
    }

    private static List<Event> order(String id, Random random) {
        String customer = "c-" + random.nextInt(100_000);
        String product = "p-" + random.nextInt(1000);
        List<Event> events = new ArrayList<>();
        events.add(event("Order", id, 0, ORDER + "OrderPlaced", "1", "{\"orderId\":\"" + id + "\",\"customerId\":\"" + customer
                + "\",\"lines\":[{\"productId\":\"" + product + "\",\"quantity\":2}]}"));
        String confirmed = "{\"orderId\":\"" + id + "\",\"lines\":[{\"productId\":\"" + product
                + "\",\"quantity\":2,\"unitPrice\":{\"amountMinor\":1250,\"currency\":\"EUR\"}}],\"total\":{\"amountMinor\":2500,\"currency\":\"EUR\"}}";
        switch (random.nextInt(4)) {
            case 0 -> events.add(event("Order", id, 1, ORDER + "OrderRejected", "1", "{\"orderId\":\"" + id + "\",\"reason\":\"out of stock\"}"));
            case 1 -> {
                events.add(event("Order", id, 1, ORDER + "OrderConfirmed", "1", confirmed));
                events.add(event("Order", id, 2, ORDER + "OrderCancelled", "1", "{\"orderId\":\"" + id + "\",\"reason\":\"changed my mind\"}"));
            }
            default -> {
                events.add(event("Order", id, 1, ORDER + "OrderConfirmed", "1", confirmed));
                events.add(event("Order", id, 2, ORDER + "OrderShipped", "1", "{\"orderId\":\"" + id + "\"}"));
                events.add(event("Order", id, 3, ORDER + "OrderDelivered", "1", "{\"orderId\":\"" + id + "\"}"));
            }
        }
        return events;
    }

    private static Event event(String type, String id, long sequence, String payloadType, String revision, String json) {
        return Event.newBuilder().setMessageIdentifier(UUID.randomUUID().toString()).setAggregateType(type)
                .setAggregateIdentifier(id).setAggregateSequenceNumber(sequence).setTimestamp(System.currentTimeMillis())
                .setPayload(SerializedObject.newBuilder().setType(payloadType).setRevision(revision)
                        .setData(ByteString.copyFrom(json, StandardCharsets.UTF_8)))
                .build();
    }

    /**
     * The naive projection's run: from the moment its {@code /position} first answers (the processor has
     * just started from the tail) until its position reaches {@code head}, or {@code limitSeconds} have
     * passed; its rate counts only the events processed in that window.
     */
    private record NaiveRun(long events, double seconds, long peakRssKb, boolean caughtUp) {

        static NaiveRun await(int port, Process process, long head, int limitSeconds) throws Exception {
            HttpClient http = HttpClient.newHttpClient();
            URI uri = URI.create("http://localhost:" + port + "/position");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            Long first = null;
            long start = 0;
            long position = -1;
            long peakRssKb = 0;
            while (position < head && (first == null || System.nanoTime() - start < TimeUnit.SECONDS.toNanos(limitSeconds))) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the naive projection exited with " + process.exitValue());
                }
                Thread.sleep(first == null ? 100 : 200);
                try {
                    position = JSON.readTree(http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body())
                            .get("position").asLong();
                } catch (IOException notYet) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the naive projection did not answer within 120 s");
                    }
                    continue;
                }
                if (first == null) {
                    first = position;
                    start = System.nanoTime();
                }
                peakRssKb = Math.max(peakRssKb, rssKb(process.pid()));
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf(Locale.ROOT, "\rnaive %,d/%,d %,.0f/s   ", position, head, seconds > 0 ? (position - first) / seconds : 0.0);
            }
            System.out.println();
            return new NaiveRun(position - first, (System.nanoTime() - start) / 1e9, peakRssKb, position >= head);
        }

        /** The table row: when cut short, the events it did replay, and the total time at its rate. */
        String row(long inStore) {
            double perSecond = events / seconds;
            if (caughtUp) {
                return String.format(Locale.ROOT, "| naive (Spring Data JPA, save per event) | %,d | %.1f s | %,.0f | %,d MB |",
                        events, seconds, perSecond, peakRssKb / 1024);
            }
            return String.format(Locale.ROOT, "| naive (Spring Data JPA, save per event) | %,d of %,d (stopped after %.0f s) | %.0f s (estimated) | %,.0f | %,d MB |",
                    events, inStore, seconds, inStore / perSecond, perSecond, peakRssKb / 1024);
        }
    }

}
