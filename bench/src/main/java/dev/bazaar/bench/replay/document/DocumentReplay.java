package dev.bazaar.bench.replay.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.axoniq.axonserver.connector.AxonServerConnection;
import io.axoniq.axonserver.connector.AxonServerConnectionFactory;
import io.axoniq.axonserver.connector.event.AppendEventsTransaction;
import io.axoniq.axonserver.connector.impl.ServerAddress;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Rebuilds the document read models (query-side/document: catalog, reviews) from a store of product and
 * review events and reports events/s and total time per read model, with the service's peak resident
 * memory, beside a naive projection ({@link NaiveDocumentProjectionApplication}) replaying the same store.
 *
 * <p>Starts the node and the document service as processes from their exec jars, appends
 * {@code bench.events} events (default 1,000,000, see {@link ShopEvents}), waits for the service to build
 * its read models live, then asks the admin API to rebuild each read model in turn and polls it until it
 * is live again. A read model's rate is the number of events in the store divided by the time from the
 * rebuild request until it was live again (polled every 200 ms; the service checks for the switch every
 * 500 ms). The service's MongoDB is its embedded MongoDB-protocol server with an H2 file, as in a local run.
 */
public final class DocumentReplay {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> READ_MODELS = List.of("catalog", "reviews");

    private DocumentReplay() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: DocumentReplay <axonserver exec jar> <query-document exec jar> <bench jar>");
            System.exit(2);
        }
        int events = Integer.getInteger("bench.events", 1_000_000);
        String serviceHeap = System.getProperty("bench.service-heap", "512m");
        // Extra JVM options of the service, e.g. -XX:StartFlightRecording=filename=document.jfr to profile it.
        List<String> serviceOptions = List.of(System.getProperty("bench.service-jvm", "").split(" ")).stream()
                .filter(option -> !option.isBlank()).toList();
        boolean naiveToo = !Boolean.getBoolean("bench.skip-naive");
        Path work = Files.createTempDirectory("bench-replay-document-");
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

            List<String> serviceCommand = new ArrayList<>(List.of("-Xmx" + serviceHeap));
            serviceCommand.addAll(serviceOptions);
            serviceCommand.addAll(List.of("-jar", args[1], "--server.port=" + serviceHttp,
                    "--axon.axonserver.servers=localhost:" + grpc,
                    "--bazaar.embedded-mongo.data-file=" + work.resolve("document").resolve("mongo.mv")));
            service = start(serviceCommand, work.resolve("document.log"));
            awaitHealthy(serviceHttp, service);
            Admin admin = new Admin(serviceHttp);
            long liveStart = System.nanoTime();
            admin.awaitLive(READ_MODELS, service.pid(), liveStart);
            double liveSeconds = (System.nanoTime() - liveStart) / 1e9;
            System.out.printf(Locale.ROOT, "built live from the tail in %.1f s%n", liveSeconds);

            List<String> rows = new ArrayList<>();
            List<Map<String, Object>> results = new ArrayList<>();
            for (String name : READ_MODELS) {
                long rebuildStart = System.nanoTime();
                admin.post("/admin/projections/" + name + "/rebuild");
                Admin.Result result = admin.awaitLive(List.of(name), service.pid(), rebuildStart);
                double seconds = result.seconds(name);
                rows.add(row(name, appended, seconds, result.peakRssKb()));
                results.add(json(name, appended, seconds, result.peakRssKb()));
            }
            long head = admin.get("/admin/projections").get("projections").get(0).get("head").asLong();
            service.destroy();
            service.waitFor(30, TimeUnit.SECONDS);
            service = null;

            if (naiveToo) {
                int naiveHttp = freePort();
                naive = start(List.of("-Xmx" + serviceHeap, "-Dloader.main=" + NaiveDocumentProjectionApplication.class.getName(),
                        "-cp", args[2], "org.springframework.boot.loader.launch.PropertiesLauncher", "--server.port=" + naiveHttp,
                        "--axon.axonserver.servers=localhost:" + grpc,
                        "--bazaar.embedded-mongo.data-file=" + work.resolve("naive").resolve("mongo.mv")), work.resolve("naive.log"));
                NaiveRun run = NaiveRun.await(naiveHttp, naive, head);
                rows.add(row("naive (Spring Data MongoDB, save per event)", run.events(), run.seconds(), run.peakRssKb()));
                results.add(json("naive", run.events(), run.seconds(), run.peakRssKb()));
            }
            System.out.println();
            System.out.println("| read model | events replayed | total time | events/s | service peak RSS (heap -Xmx" + serviceHeap + ") |");
            System.out.println("| --- | ---: | ---: | ---: | ---: |");
            rows.forEach(System.out::println);
            Path file = writeResults(appended, appendSeconds, liveSeconds, serviceHeap, results);
            System.out.println("results in " + file);
        } finally {
            for (Process process : java.util.Arrays.asList(service, naive)) {
                if (process != null) {
                    process.destroy();
                    process.waitFor(30, TimeUnit.SECONDS);
                }
            }
            node.destroy();
            node.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static String row(String name, long events, double seconds, long peakRssKb) {
        return String.format(Locale.ROOT, "| %s | %,d | %.1f s | %,.0f | %,d MB |", name, events, seconds, events / seconds, peakRssKb / 1024);
    }

    private static Map<String, Object> json(String name, long events, double seconds, long peakRssKb) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("readModel", name);
        result.put("events", events);
        result.put("seconds", seconds);
        result.put("eventsPerSecond", events / seconds);
        result.put("peakRssMb", peakRssKb / 1024);
        return result;
    }

    private static Path writeResults(int appended, double appendSeconds, double liveSeconds, String serviceHeap,
                                     List<Map<String, Object>> results) throws IOException {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("benchmark", "replay-document");
        document.put("at", Instant.now().toString());
        document.put("eventsInStore", appended);
        document.put("appendSeconds", appendSeconds);
        document.put("liveBuildSeconds", liveSeconds);
        document.put("serviceHeap", "-Xmx" + serviceHeap);
        document.put("cores", Runtime.getRuntime().availableProcessors());
        document.put("results", results);
        Path directory = Path.of(System.getProperty("bench.results", "bench/results"));
        Files.createDirectories(directory);
        Path file = directory.resolve("replay-document-" + Instant.now().toString().replace(':', '-') + ".json");
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), document);
        return file;
    }

    /**
     * Appends the events in transactions of 1,000, one at a time: a product's story spans transactions, and
     * transactions in flight together could commit in any order.
     */
    private static int append(int grpcPort, int events) throws Exception {
        AxonServerConnectionFactory factory = AxonServerConnectionFactory.forClient("bench-replay-document", "bench-" + UUID.randomUUID())
                .routingServers(new ServerAddress("localhost", grpcPort)).build();
        try {
            AxonServerConnection connection = factory.connect("default");
            ShopEvents shop = new ShopEvents();
            AppendEventsTransaction transaction = connection.eventChannel().startAppendEventsTransaction();
            for (int count = 1; count <= events; count++) {
                transaction.appendEvent(shop.next());
                if (count % 1_000 == 0 || count == events) {
                    transaction.commit().get(60, TimeUnit.SECONDS);
                    transaction = connection.eventChannel().startAppendEventsTransaction();
                }
            }
            transaction.rollback();
            System.out.printf(Locale.ROOT, "%,d products%n", shop.products());
            return events;
        } finally {
            factory.shutdown();
        }
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

    static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return 0;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * The naive projection's run: from the moment its {@code /position} first answers (the processor has
     * just started from the tail) until its position reaches {@code head}; its rate counts only the events
     * processed in that window. {@code bench.naive-timeout} (seconds, default 1200) bounds a run that would
     * take too long; its rate is then what it reached.
     */
    private record NaiveRun(long events, double seconds, long peakRssKb) {

        static NaiveRun await(int port, Process process, long head) throws Exception {
            HttpClient http = HttpClient.newHttpClient();
            URI uri = URI.create("http://localhost:" + port + "/position");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            long giveUp = Long.MAX_VALUE;
            Long first = null;
            long start = 0;
            long position = -1;
            long peakRssKb = 0;
            while (position < head && System.nanoTime() < giveUp) {
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
                    giveUp = start + TimeUnit.SECONDS.toNanos(Long.getLong("bench.naive-timeout", 1200));
                }
                peakRssKb = Math.max(peakRssKb, rssKb(process.pid()));
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf(Locale.ROOT, "\rnaive %,d/%,d %,.0f/s   ", position, head, seconds > 0 ? (position - first) / seconds : 0.0);
            }
            System.out.println();
            return new NaiveRun(position - first, (System.nanoTime() - start) / 1e9, peakRssKb);
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
                peakRssKb = Math.max(peakRssKb, rssKb(pid));
            }
        }
    }
}
