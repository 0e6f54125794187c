package dev.bazaar.bench.replay.document;

import static dev.bazaar.bench.replay.ReplayProcesses.awaitHealthy;
import static dev.bazaar.bench.replay.ReplayProcesses.awaitListening;
import static dev.bazaar.bench.replay.ReplayProcesses.freePort;
import static dev.bazaar.bench.replay.ReplayProcesses.rssKb;
import static dev.bazaar.bench.replay.ReplayProcesses.start;
import static dev.bazaar.bench.replay.ReplayProcesses.stop;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bazaar.bench.replay.CpuTime;
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
 * review events and reports events/s and total time per read model, the CPU each process used per event and
 * their peak resident memory, beside a naive projection ({@link NaiveDocumentProjectionApplication})
 * replaying the same store.
 *
 * <p>Every part runs as {@code ./bazaar} runs it: the node, the MongoDB-protocol server (the launcher's
 * {@code mongo} command: mongo-java-server over embedded-infra's MVStore file, with the launcher's JVM options
 * for a database, {@code -Xmx128m}) and the document service (the launcher's options for a service,
 * {@code -Xmx512m}, pointed at that server by {@code spring.data.mongodb.uri}), each a process of its own.
 * The benchmark appends {@code bench.events} events (default 1,000,000, see {@link ShopEvents}), waits for
 * the service to build its read models live, then asks the admin API to rebuild each read model in turn and
 * polls it until it is live again. A read model's rate is the number of events in the store divided by the
 * time from the rebuild request until it was live again (polled every 200 ms; the service checks for the
 * switch every 500 ms). The CPU seconds of the service, the MongoDB server and the node during that time
 * are read from {@code /proc}: unlike events/s they hardly move with what else the machine runs.
 */
public final class DocumentReplay {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> READ_MODELS = List.of("catalog", "reviews");
    /** The launcher's JVM options (LocalSystem): a database server gets 128 MB of heap, a service 512 MB. */
    private static final List<String> LAUNCHER_JVM = List.of("-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError");

    private DocumentReplay() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: DocumentReplay <axonserver exec jar> <query-document exec jar> <bench jar> <launcher exec jar>");
            System.exit(2);
        }
        int events = Integer.getInteger("bench.events", 1_000_000);
        String serviceHeap = System.getProperty("bench.service-heap", "512m");
        String mongoHeap = System.getProperty("bench.mongo-heap", "128m");
        // Extra JVM options, e.g. -XX:StartFlightRecording=filename=document.jfr to profile the service or the MongoDB server.
        List<String> serviceOptions = options("bench.service-jvm");
        List<String> mongoOptions = options("bench.mongo-jvm");
        // Extra arguments of the service, e.g. --bazaar.processors.batch-size=4096 to try a setting.
        List<String> serviceArguments = options("bench.service-args");
        boolean naiveToo = !Boolean.getBoolean("bench.skip-naive");
        Path work = Files.createTempDirectory("bench-replay-document-");
        System.out.println("logs in " + work);
        System.out.println("load average at start: " + CpuTime.loadAverage());
        int grpc = freePort();
        int nodeHttp = freePort();
        int serviceHttp = freePort();
        int mongoPort = freePort();
        Process node = start(List.of("-Xmx1g", "-XX:+UseSerialGC", "-jar", args[0], "--bazaar.node.grpc-port=" + grpc,
                "--server.port=" + nodeHttp, "--bazaar.embedded-postgres.data-dir=" + work.resolve("node")), work.resolve("node.log"));
        Process mongo = null;
        Process service = null;
        Process naiveMongo = null;
        Process naive = null;
        try {
            mongo = startMongo(args[3], mongoHeap, mongoOptions, mongoPort, work.resolve("document").resolve("mongo.mv"), work.resolve("mongo.log"));
            awaitHealthy(nodeHttp, node);
            long appendStart = System.nanoTime();
            int appended = append(grpc, events);
            double appendSeconds = (System.nanoTime() - appendStart) / 1e9;
            System.out.printf(Locale.ROOT, "appended %,d events in %.1f s (%,.0f events/s)%n", appended, appendSeconds, appended / appendSeconds);

            List<String> serviceCommand = new ArrayList<>(List.of("-Xmx" + serviceHeap));
            serviceCommand.addAll(LAUNCHER_JVM);
            serviceCommand.addAll(serviceOptions);
            serviceCommand.addAll(List.of("-jar", args[1], "--server.port=" + serviceHttp,
                    "--axon.axonserver.servers=localhost:" + grpc,
                    "--spring.data.mongodb.uri=mongodb://localhost:" + mongoPort + "/catalog"));
            serviceCommand.addAll(serviceArguments);
            service = start(serviceCommand, work.resolve("document.log"));
            awaitHealthy(serviceHttp, service);
            Admin admin = new Admin(serviceHttp);
            long liveStart = System.nanoTime();
            admin.awaitLive(READ_MODELS, service.pid(), liveStart);
            double liveSeconds = (System.nanoTime() - liveStart) / 1e9;
            System.out.printf(Locale.ROOT, "built live from the tail in %.1f s%n", liveSeconds);

            List<Rebuild> rebuilds = new ArrayList<>();
            for (String name : READ_MODELS) {
                double load = CpuTime.loadAverage();
                Cpu cpu = new Cpu(service, mongo, node);
                long rebuildStart = System.nanoTime();
                admin.post("/admin/projections/" + name + "/rebuild");
                Admin.Result result = admin.awaitLive(List.of(name), rebuildStart, List.of(service.pid(), mongo.pid()));
                Rebuild rebuild = new Rebuild(name, appended, result.seconds(name), result.firstProgressSeconds(name),
                        cpu.used(), result.peakRssKb(service.pid()) / 1024, result.peakRssKb(mongo.pid()) / 1024, load);
                System.out.println(rebuild.row());
                System.out.printf(Locale.ROOT, "%s: first seen replaying %.1f s after the request, live again after %.1f s%n", name,
                        rebuild.replayingAfter(), rebuild.seconds());
                rebuilds.add(rebuild);
            }
            long head = admin.get("/admin/projections").get("projections").get(0).get("head").asLong();
            stop(service, mongo);
            service = null;
            mongo = null;

            NaiveRun naiveRun = null;
            if (naiveToo) {
                int naivePort = freePort();
                naiveMongo = startMongo(args[3], mongoHeap, List.of(), naivePort, work.resolve("naive").resolve("mongo.mv"),
                        work.resolve("naive-mongo.log"));
                int naiveHttp = freePort();
                List<String> naiveCommand = new ArrayList<>(List.of("-Xmx" + serviceHeap));
                naiveCommand.addAll(LAUNCHER_JVM);
                naiveCommand.addAll(List.of("-Dloader.main=" + NaiveDocumentProjectionApplication.class.getName(),
                        "-cp", args[2], "org.springframework.boot.loader.launch.PropertiesLauncher", "--server.port=" + naiveHttp,
                        "--axon.axonserver.servers=localhost:" + grpc,
                        "--spring.data.mongodb.uri=mongodb://localhost:" + naivePort + "/naive"));
                naive = start(naiveCommand, work.resolve("naive.log"));
                naiveRun = NaiveRun.await(naiveHttp, naive, naiveMongo, node, head);
            }
            System.out.println();
            System.out.println("| read model | events replayed | total time | events/s | CPU ms per event: service / MongoDB / node "
                    + "| peak RSS, MB: service (-Xmx" + serviceHeap + ") / MongoDB (-Xmx" + mongoHeap + ") | load at start |");
            System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
            rebuilds.forEach(rebuild -> System.out.println(rebuild.row()));
            if (naiveRun != null) {
                System.out.println(naiveRun.row());
            }
            System.out.println("load average at the end: " + CpuTime.loadAverage());
            Path file = writeResults(appended, appendSeconds, liveSeconds, serviceHeap, mongoHeap, rebuilds, naiveRun);
            System.out.println("results in " + file);
        } finally {
            stop(service, naive, mongo, naiveMongo, node);
        }
    }

    private static List<String> options(String property) {
        return List.of(System.getProperty(property, "").split(" ")).stream().filter(option -> !option.isBlank()).toList();
    }

    /** The MongoDB-protocol server as the launcher starts it ({@code bazaar mongo --port P --data-file F}). */
    private static Process startMongo(String launcherJar, String heap, List<String> options, int port, Path dataFile, Path log)
            throws Exception {
        List<String> command = new ArrayList<>(List.of("-Xmx" + heap));
        command.addAll(LAUNCHER_JVM);
        command.addAll(options);
        command.addAll(List.of("-jar", launcherJar, "mongo", "--port", String.valueOf(port), "--data-file", dataFile.toString()));
        Process mongo = start(command, log);
        awaitListening(port, mongo);
        return mongo;
    }

    /** One rebuild's figures. {@code replayingAfter}: when the status first showed the replay moving (0: never seen). */
    record Rebuild(String readModel, long events, double seconds, double replayingAfter, CpuUsed cpu, long serviceRssMb,
                   long mongoRssMb, double loadAtStart) {

        double eventsPerSecond() {
            return events / seconds;
        }

        String row() {
            return String.format(Locale.ROOT, "| %s | %,d | %.1f s | **%,.0f** | %.3f / %.3f / %.3f | %,d / %,d | %.1f |", readModel, events,
                    seconds, eventsPerSecond(), cpu.serviceMsPerEvent(events), cpu.mongoMsPerEvent(events), cpu.nodeMsPerEvent(events),
                    serviceRssMb, mongoRssMb, loadAtStart);
        }
    }

    /** CPU seconds used by the projecting service, its MongoDB server and the node. */
    record CpuUsed(double service, double mongo, double node) {

        double serviceMsPerEvent(long events) {
            return service * 1000 / events;
        }

        double mongoMsPerEvent(long events) {
            return mongo * 1000 / events;
        }

        double nodeMsPerEvent(long events) {
            return node * 1000 / events;
        }
    }

    /** The CPU seconds of three processes from {@code /proc}, from when this was made. */
    private static final class Cpu {

        private final long service;
        private final long mongo;
        private final long node;
        private final double service0;
        private final double mongo0;
        private final double node0;

        Cpu(Process service, Process mongo, Process node) {
            this.service = service.pid();
            this.mongo = mongo.pid();
            this.node = node.pid();
            this.service0 = CpuTime.seconds(this.service);
            this.mongo0 = CpuTime.seconds(this.mongo);
            this.node0 = CpuTime.seconds(this.node);
        }

        CpuUsed used() {
            return new CpuUsed(CpuTime.seconds(service) - service0, CpuTime.seconds(mongo) - mongo0, CpuTime.seconds(node) - node0);
        }
    }

    private static Path writeResults(int appended, double appendSeconds, double liveSeconds, String serviceHeap, String mongoHeap,
                                     List<Rebuild> rebuilds, NaiveRun naive) throws IOException {
        List<Map<String, Object>> results = new ArrayList<>();
        for (Rebuild rebuild : rebuilds) {
            Map<String, Object> result = ReplayProcesses.json(rebuild.readModel(), rebuild.events(), rebuild.seconds(), rebuild.serviceRssMb() * 1024);
            result.put("replayingAfterSeconds", rebuild.replayingAfter());
            result.put("serviceCpuSeconds", rebuild.cpu().service());
            result.put("mongoCpuSeconds", rebuild.cpu().mongo());
            result.put("nodeCpuSeconds", rebuild.cpu().node());
            result.put("serviceCpuMsPerEvent", rebuild.cpu().serviceMsPerEvent(rebuild.events()));
            result.put("mongoCpuMsPerEvent", rebuild.cpu().mongoMsPerEvent(rebuild.events()));
            result.put("mongoPeakRssMb", rebuild.mongoRssMb());
            result.put("loadAtStart", rebuild.loadAtStart());
            results.add(result);
        }
        if (naive != null) {
            Map<String, Object> result = ReplayProcesses.json("naive", naive.events(), naive.seconds(), naive.peakRssKb());
            result.put("caughtUp", naive.caughtUp());
            result.put("estimatedSecondsForAll", naive.head() / (naive.events() / naive.seconds()));
            result.put("serviceCpuSeconds", naive.cpu().service());
            result.put("mongoCpuSeconds", naive.cpu().mongo());
            results.add(result);
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("eventsInStore", appended);
        figures.put("appendSeconds", appendSeconds);
        figures.put("liveBuildSeconds", liveSeconds);
        figures.put("serviceHeap", "-Xmx" + serviceHeap);
        figures.put("mongoHeap", "-Xmx" + mongoHeap);
        figures.put("loadAtEnd", CpuTime.loadAverage());
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
     * just started from the tail) until its position reaches {@code head} or {@code bench.naive-seconds}
     * (default 180) have passed; its rate counts only the events processed in that window, and the time for
     * the whole store is estimated from it when it was cut short.
     */
    private record NaiveRun(long events, double seconds, long peakRssKb, boolean caughtUp, long head, CpuUsed cpu) {

        static NaiveRun await(int port, Process process, Process mongo, Process node, long head) throws Exception {
            HttpClient http = HttpClient.newHttpClient();
            URI uri = URI.create("http://localhost:" + port + "/position");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            long limit = TimeUnit.SECONDS.toNanos(Integer.getInteger("bench.naive-seconds", 180));
            Long first = null;
            long start = 0;
            long position = -1;
            long peakRssKb = 0;
            Cpu cpu = null;
            while (position < head && (first == null || System.nanoTime() - start < limit)) {
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
                    cpu = new Cpu(process, mongo, node);
                }
                peakRssKb = Math.max(peakRssKb, rssKb(process.pid()));
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf(Locale.ROOT, "\rnaive %,d/%,d %,.0f/s   ", position, head, seconds > 0 ? (position - first) / seconds : 0.0);
            }
            System.out.println();
            return new NaiveRun(position - first, (System.nanoTime() - start) / 1e9, peakRssKb, position >= head, head, cpu.used());
        }

        /** The table row: when cut short, the events it did replay, and the total time at its rate. */
        String row() {
            double perSecond = events / seconds;
            String replayed = caughtUp ? String.format(Locale.ROOT, "%,d | %.1f s", events, seconds)
                    : String.format(Locale.ROOT, "%,d of %,d (stopped after %.0f s) | %.0f s (estimated)", events, head + 1, seconds,
                    (head + 1) / perSecond);
            return String.format(Locale.ROOT, "| naive (Spring Data MongoDB, save per event) | %s | %,.0f | %.3f / %.3f / | %,d / | |",
                    replayed, perSecond, cpu.serviceMsPerEvent(events), cpu.mongoMsPerEvent(events), peakRssKb / 1024);
        }
    }
}
