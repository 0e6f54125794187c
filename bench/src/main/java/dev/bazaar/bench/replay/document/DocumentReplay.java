package dev.bazaar.bench.replay.document;

import static dev.bazaar.bench.replay.ReplayProcesses.awaitHealthy;
import static dev.bazaar.bench.replay.ReplayProcesses.freePort;
import static dev.bazaar.bench.replay.ReplayProcesses.json;
import static dev.bazaar.bench.replay.ReplayProcesses.row;
import static dev.bazaar.bench.replay.ReplayProcesses.rssKb;
import static dev.bazaar.bench.replay.ReplayProcesses.start;
import static dev.bazaar.bench.replay.ReplayProcesses.stop;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bazaar.bench.replay.ReplayProcesses;
import dev.bazaar.bench.replay.ReplayProcesses.Admin;
import io.axoniq.axonserver.connector.AxonServerConnection;
import io.axoniq.axonserver.connector.AxonServerConnectionFactory;
import io.axoniq.axonserver.connector.event.AppendEventsTransaction;
import io.axoniq.axonserver.connector.impl.ServerAddress;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
            stop(service, naive, node);
        }
    }

    private static Path writeResults(int appended, double appendSeconds, double liveSeconds, String serviceHeap,
                                     List<Map<String, Object>> results) throws IOException {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("eventsInStore", appended);
        figures.put("appendSeconds", appendSeconds);
        figures.put("liveBuildSeconds", liveSeconds);
        figures.put("serviceHeap", "-Xmx" + serviceHeap);
        figures.put("results", results);
        return ReplayProcesses.writeResults("replay-document", figures);
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

}
