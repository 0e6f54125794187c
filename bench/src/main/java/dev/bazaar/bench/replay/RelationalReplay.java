package dev.bazaar.bench.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.axoniq.axonserver.connector.AxonServerConnection;
import io.axoniq.axonserver.connector.AxonServerConnectionFactory;
import io.axoniq.axonserver.connector.event.AppendEventsTransaction;
import io.axoniq.axonserver.connector.impl.ServerAddress;
import io.axoniq.axonserver.grpc.SerializedObject;
import io.axoniq.axonserver.grpc.event.Event;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
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
 */
public final class RelationalReplay {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CUSTOMER = "dev.bazaar.api.customer.";
    private static final String ORDER = "dev.bazaar.api.ordering.";

    private RelationalReplay() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: RelationalReplay <axonserver exec jar> <query-relational exec jar>");
            System.exit(2);
        }
        int events = Integer.getInteger("bench.events", 1_000_000);
        String serviceHeap = System.getProperty("bench.service-heap", "512m");
        Path work = Files.createTempDirectory("bench-replay-");
        int grpc = freePort();
        int nodeHttp = freePort();
        int serviceHttp = freePort();
        Process node = start(List.of("-Xmx1g", "-XX:+UseSerialGC", "-jar", args[0], "--bazaar.node.grpc-port=" + grpc,
                "--server.port=" + nodeHttp, "--bazaar.embedded-postgres.data-dir=" + work.resolve("node")), work.resolve("node.log"));
        Process service = null;
        try {
            awaitHealthy(nodeHttp, node);
            long appendStart = System.nanoTime();
            int appended = append(grpc, events);
            double appendSeconds = (System.nanoTime() - appendStart) / 1e9;
            System.out.printf(Locale.ROOT, "appended %,d events in %.1f s (%,.0f events/s)%n", appended, appendSeconds, appended / appendSeconds);

            service = start(List.of("-Xmx" + serviceHeap, "-jar", args[1], "--server.port=" + serviceHttp,
                    "--axon.axonserver.servers=localhost:" + grpc,
                    "--bazaar.embedded-postgres.data-dir=" + work.resolve("relational")), work.resolve("relational.log"));
            awaitHealthy(serviceHttp, service);
            Admin admin = new Admin(serviceHttp);
            long liveStart = System.nanoTime();
            admin.awaitLive(List.of("customers", "orders"), service.pid(), liveStart);
            System.out.printf(Locale.ROOT, "built live from the tail in %.1f s%n", (System.nanoTime() - liveStart) / 1e9);

            System.out.println();
            System.out.println("| read model | events replayed | total time | events/s | service peak RSS (heap -Xmx" + serviceHeap + ") |");
            System.out.println("| --- | ---: | ---: | ---: | ---: |");
            List<String> rows = new ArrayList<>();
            for (String name : List.of("customers", "orders")) {
                long rebuildStart = System.nanoTime();
                admin.post("/admin/projections/" + name + "/rebuild");
                Admin.Result result = admin.awaitLive(List.of(name), service.pid(), rebuildStart);
                double seconds = result.seconds(name);
                rows.add(String.format(Locale.ROOT, "| %s | %,d | %.1f s | %,.0f | %,d MB |", name, appended, seconds,
                        appended / seconds, result.peakRssKb() / 1024));
            }
            rows.forEach(System.out::println);
        } finally {
            if (service != null) {
                service.destroy();
                service.waitFor(30, TimeUnit.SECONDS);
            }
            node.destroy();
            node.waitFor(30, TimeUnit.SECONDS);
        }
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

    private static Process start(List<String> arguments, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        return builder.start();
    }

    private static void awaitHealthy(int port, Process process) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("process on port " + port + " exited with " + process.exitValue());
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("nothing healthy on port " + port + " within 120 s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The service's admin API with the local default credential. */
    private static final class Admin {

        private final HttpClient http = HttpClient.newHttpClient();
        private final String base;
        private final String credential = "Basic " + Base64.getEncoder().encodeToString("admin:bazaar-admin".getBytes(StandardCharsets.UTF_8));

        Admin(int port) {
            this.base = "http://localhost:" + port;
        }

        JsonNode get(String path) throws Exception {
            return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", credential).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
        }

        void post(String path) throws Exception {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", credential)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 202) {
                throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
            }
        }

        /** Polls until every named projection is LIVE with its position at the head, printing progress. */
        Result awaitLive(List<String> names, long pid, long startNanos) throws Exception {
            Result result = new Result(names);
            while (!result.allDone()) {
                Thread.sleep(200);
                result.sampleRss(pid);
                StringBuilder progress = new StringBuilder();
                for (JsonNode projection : get("/admin/projections").get("projections")) {
                    String name = projection.get("name").asText();
                    if (!names.contains(name)) {
                        continue;
                    }
                    long position = projection.get("position").asLong();
                    long head = projection.get("head").asLong();
                    boolean live = projection.get("state").asText().equals("LIVE") && position >= head && head >= 0;
                    if (live && !result.done(name)) {
                        result.finished(name, (System.nanoTime() - startNanos) / 1e9);
                    }
                    progress.append(String.format(Locale.ROOT, "%s %s %,d/%,d %,.0f/s   ", name, projection.get("state").asText(),
                            position, head, projection.get("eventsPerSecond").asDouble()));
                }
                System.out.print("\r" + progress);
            }
            System.out.println();
            return result;
        }

        private static final class Result {

            private final List<String> names;
            private final double[] seconds;
            private long peakRssKb;

            Result(List<String> names) {
                this.names = names;
                this.seconds = new double[names.size()];
            }

            boolean done(String name) {
                return seconds[names.indexOf(name)] > 0;
            }

            void finished(String name, double after) {
                seconds[names.indexOf(name)] = after;
            }

            boolean allDone() {
                for (double value : seconds) {
                    if (value == 0) {
                        return false;
                    }
                }
                return true;
            }

            double seconds(String name) {
                return seconds[names.indexOf(name)];
            }

            long peakRssKb() {
                return peakRssKb;
            }

            void sampleRss(long pid) throws IOException {
                for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        peakRssKb = Math.max(peakRssKb, Long.parseLong(line.replaceAll("\\D", "")));
                    }
                }
            }
        }
    }
}
