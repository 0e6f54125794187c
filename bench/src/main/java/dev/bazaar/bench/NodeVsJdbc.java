package dev.bazaar.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * The axonserver node against Axon's JdbcEventStorageEngine, side by side in one run on one embedded
 * PostgreSQL (a database each): append throughput with 8 clients at 1 and 10 events per commit,
 * a tracking read of 1,000,000 stored events from token 0, delivery to a caught-up reader (both
 * stores taking turns, after a checkpoint), and the node's heap and resident memory; for each append
 * figure and the read also the CPU each process used ({@link ProcessCpu}) and, for the appends,
 * PostgreSQL's side (transactions and WAL flushes per client commit, {@link PostgresActivity}). Prints
 * a table with the load average and writes it as JSON under bench/results/.
 *
 * <p>Arguments: the node's exec jar. System properties: {@code bench.events} (default 1,000,000),
 * {@code bench.seconds} per append figure (default 10), {@code bench.clients} (default 8),
 * {@code bench.warmupSeconds} of appends to each store before anything is measured (default 15),
 * {@code bench.fsync} (default true: PostgreSQL flushes its WAL at commit, as in production; false
 * is zonky's test default, which local runs of the node use).
 */
public final class NodeVsJdbc {

    private static final double MB = 1024.0 * 1024.0;
    private static final int LIVE_SAMPLES = 500;

    private NodeVsJdbc() {
    }

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (Exception | Error e) {
            e.printStackTrace();
            System.exit(1);
        }
        // The Axon connector keeps non-daemon threads around after shutdown.
        System.exit(0);
    }

    private static void run(String[] args) throws Exception {
        Path jar = Path.of(args.length > 0 ? args[0] : "axonserver/target/axonserver-0.1.0-SNAPSHOT-exec.jar");
        long readEvents = Long.getLong("bench.events", 1_000_000);
        int clients = Integer.getInteger("bench.clients", 8);
        Duration measured = Duration.ofSeconds(Long.getLong("bench.seconds", 10));
        Duration warmup = Duration.ofSeconds(3);
        Duration firstWarmup = Duration.ofSeconds(Long.getLong("bench.warmupSeconds", 15));
        Path results = Path.of(System.getProperty("bench.results", "bench/results"));
        String runId = "run" + System.currentTimeMillis();
        Path work = Files.createTempDirectory("bench-node-vs-jdbc");
        Files.createDirectories(results);
        Path nodeLog = results.resolve("node.log");
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("date", Instant.now().toString());
        report.put("machine", machine());
        report.put("loadAverageAtStart", loadAverage());
        report.put("clients", clients);
        report.put("eventsRead", readEvents);
        boolean fsync = Boolean.parseBoolean(System.getProperty("bench.fsync", "true"));
        report.put("postgresFsync", fsync);
        try (SharedPostgres postgres = SharedPostgres.start(work.resolve("postgres"), fsync);
             NodeProcess node = NodeProcess.start(jar, "512m", postgres.createDatabaseIfMissing("node_events"), nodeLog);
             EventStores.Node nodeStore = new EventStores.Node(node.grpcAddress());
             EventStores.Jdbc jdbcStore = new EventStores.Jdbc(postgres.createDatabaseIfMissing("jdbc_events"), postgres.username());
             PostgresActivity activity = new PostgresActivity(postgres.createDatabaseIfMissing("bench_stats"), postgres.username())) {
            ProcessCpu cpu = new ProcessCpu(node.pid(), work.resolve("postgres"));
            Map<String, Object> nodeFigures = new LinkedHashMap<>();
            Map<String, Object> jdbcFigures = new LinkedHashMap<>();
            report.put("node", nodeFigures);
            report.put("jdbc", jdbcFigures);
            log("warming up both stores (JIT, connection pools), not measured");
            long nodeEvents = AppendBenchmark.run(nodeStore.eventStore, runId + "w", clients, 10, Duration.ZERO, firstWarmup, cpu).eventsAppended();
            long jdbcEvents = AppendBenchmark.run(jdbcStore.eventStore, runId + "w", clients, 10, Duration.ZERO, firstWarmup, cpu).eventsAppended();
            PostgresActivity.Counts counts = activity.settledCounts();
            for (int eventsPerCommit : new int[]{1, 10}) {
                String figure = "append" + eventsPerCommit;
                log("append, " + eventsPerCommit + " event(s) per commit: node");
                AppendBenchmark.Result onNode = AppendBenchmark.run(nodeStore.eventStore, runId, clients, eventsPerCommit, warmup, measured, cpu);
                nodeFigures.put(figure, onNode);
                nodeEvents += onNode.eventsAppended();
                PostgresActivity.Counts afterNode = activity.settledCounts();
                nodeFigures.put(figure + "Postgres", PostgresActivity.perCommit(counts, afterNode, "node_events",
                        onNode.eventsAppended() / eventsPerCommit));
                log("append, " + eventsPerCommit + " event(s) per commit: jdbc");
                AppendBenchmark.Result onJdbc = AppendBenchmark.run(jdbcStore.eventStore, runId, clients, eventsPerCommit, warmup, measured, cpu);
                jdbcFigures.put(figure, onJdbc);
                jdbcEvents += onJdbc.eventsAppended();
                counts = activity.settledCounts();
                jdbcFigures.put(figure + "Postgres", PostgresActivity.perCommit(afterNode, counts, "jdbc_events",
                        onJdbc.eventsAppended() / eventsPerCommit));
            }
            log("filling both stores to " + readEvents + " events");
            AppendBenchmark.fill(nodeStore.eventStore, runId, clients, readEvents - nodeEvents);
            AppendBenchmark.fill(jdbcStore.eventStore, runId, clients, readEvents - jdbcEvents);

            log("tracking read from token 0: node");
            MemorySampler sampler = new MemorySampler(node);
            sampler.start();
            nodeFigures.put("read", ReadBenchmark.fromTheStart(nodeStore.eventStore, readEvents, cpu));
            sampler.stop();
            log("tracking read from token 0: jdbc");
            jdbcFigures.put("read", ReadBenchmark.fromTheStart(jdbcStore.eventStore, readEvents, cpu));

            log("delivery to a caught-up reader, both stores taking turns");
            activity.checkpoint();
            Map<String, EventStore> stores = new LinkedHashMap<>();
            stores.put("node", nodeStore.eventStore);
            stores.put("jdbc", jdbcStore.eventStore);
            Map<String, ReadBenchmark.Delivery> deliveries = ReadBenchmark.liveDelivery(stores, runId, LIVE_SAMPLES);
            nodeFigures.put("liveDelivery", deliveries.get("node"));
            jdbcFigures.put("liveDelivery", deliveries.get("jdbc"));

            nodeFigures.put("peakHeapUsedMB", sampler.peakHeapBytes / MB);
            nodeFigures.put("peakRssMB", sampler.peakRssBytes / MB);
            nodeFigures.put("heapUsedAfterGcMB", node.heapUsedAfterGcBytes() / MB);
            nodeFigures.put("rssMB", node.residentBytes() / MB);
            nodeFigures.put("maxHeap", "512m");
        } finally {
            deleteRecursively(work);
        }
        report.put("loadAverageAtEnd", loadAverage());
        String table = table(report);
        System.out.println(table);
        Path json = results.resolve("node-vs-jdbc-" + Instant.now().toString().replace(':', '-') + ".json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), report);
        System.out.println("written " + json);
    }

    @SuppressWarnings("unchecked")
    private static String table(Map<String, Object> report) {
        Map<String, Object> node = (Map<String, Object>) report.get("node");
        Map<String, Object> jdbc = (Map<String, Object>) report.get("jdbc");
        StringBuilder table = new StringBuilder()
                .append("| figure | node | JdbcEventStorageEngine | goal |\n")
                .append("| --- | ---: | ---: | --- |\n");
        for (String figure : new String[]{"append1", "append10"}) {
            AppendBenchmark.Result onNode = (AppendBenchmark.Result) node.get(figure);
            AppendBenchmark.Result onJdbc = (AppendBenchmark.Result) jdbc.get(figure);
            String perCommit = figure.substring("append".length());
            row(table, "append, " + report.get("clients") + " clients, " + perCommit + " event(s)/commit, events/s",
                    format("%,.0f", onNode.eventsPerSecond()), format("%,.0f", onJdbc.eventsPerSecond()),
                    perCommit.equals("10") ? ">= 20,000 and ahead" : "ahead");
            row(table, "  commit latency p50 / p99, ms", format("%.2f / %.2f", onNode.p50Millis(), onNode.p99Millis()),
                    format("%.2f / %.2f", onJdbc.p50Millis(), onJdbc.p99Millis()), "");
            PostgresActivity.PerCommit nodePostgres = (PostgresActivity.PerCommit) node.get(figure + "Postgres");
            PostgresActivity.PerCommit jdbcPostgres = (PostgresActivity.PerCommit) jdbc.get(figure + "Postgres");
            ProcessCpu.Usage nodeCpu = onNode.cpu();
            ProcessCpu.Usage jdbcCpu = onJdbc.cpu();
            row(table, "  CPU per commit, µs: bench JVM + node + PostgreSQL = total",
                    format("%.0f + %.0f + %.0f = %.0f", nodeCpu.benchMicros(), nodeCpu.nodeMicros(), nodeCpu.postgresMicros(),
                            nodeCpu.benchMicros() + nodeCpu.nodeMicros() + nodeCpu.postgresMicros()),
                    format("%.0f + %.0f + %.0f = %.0f", jdbcCpu.benchMicros(), jdbcCpu.nodeMicros(), jdbcCpu.postgresMicros(),
                            jdbcCpu.benchMicros() + jdbcCpu.nodeMicros() + jdbcCpu.postgresMicros()), "");
            row(table, "  cores busy (of " + Runtime.getRuntime().availableProcessors() + ")",
                    format("%.2f", nodeCpu.busyCores()), format("%.2f", jdbcCpu.busyCores()), "");
            row(table, "  PostgreSQL transactions per commit / commits per WAL flush",
                    format("%.2f / %.1f", nodePostgres.transactionsPerCommit(), nodePostgres.commitsPerWalFlush()),
                    format("%.2f / %.1f", jdbcPostgres.transactionsPerCommit(), jdbcPostgres.commitsPerWalFlush()), "");
        }
        ReadBenchmark.Result nodeRead = (ReadBenchmark.Result) node.get("read");
        ReadBenchmark.Result jdbcRead = (ReadBenchmark.Result) jdbc.get("read");
        row(table, format("tracking read of %,d events from token 0, events/s", report.get("eventsRead")),
                format("%,.0f", nodeRead.eventsPerSecond()), format("%,.0f", jdbcRead.eventsPerSecond()), ">= 100,000 and ahead");
        ProcessCpu.Usage nodeReadCpu = nodeRead.cpuPerThousandEvents();
        ProcessCpu.Usage jdbcReadCpu = jdbcRead.cpuPerThousandEvents();
        row(table, "  CPU per 1,000 events, ms: bench JVM + node + PostgreSQL; cores busy",
                format("%.2f + %.2f + %.2f; %.2f", nodeReadCpu.benchMicros() / 1000, nodeReadCpu.nodeMicros() / 1000,
                        nodeReadCpu.postgresMicros() / 1000, nodeReadCpu.busyCores()),
                format("%.2f + %.2f + %.2f; %.2f", jdbcReadCpu.benchMicros() / 1000, jdbcReadCpu.nodeMicros() / 1000,
                        jdbcReadCpu.postgresMicros() / 1000, jdbcReadCpu.busyCores()), "");
        ReadBenchmark.Delivery nodeLive = (ReadBenchmark.Delivery) node.get("liveDelivery");
        ReadBenchmark.Delivery jdbcLive = (ReadBenchmark.Delivery) jdbc.get("liveDelivery");
        row(table, "append start to caught-up reader, p50 / p99, ms", format("%.2f / %.2f", nodeLive.p50Millis(), nodeLive.p99Millis()),
                format("%.2f / %.2f", jdbcLive.p50Millis(), jdbcLive.p99Millis()), "< 10");
        row(table, "node heap used after GC at 1M events (-Xmx512m), MB", format("%.0f", node.get("heapUsedAfterGcMB")), "", "< 512");
        row(table, "node heap used, peak while streaming, MB", format("%.0f", node.get("peakHeapUsedMB")), "", "< 512");
        row(table, "node RSS at 1M events / peak while streaming, MB",
                format("%.0f / %.0f", node.get("rssMB"), node.get("peakRssMB")), "", "");
        table.append("\nLoad average (1 min): ").append(report.get("loadAverageAtStart")).append(" at the start, ")
                .append(report.get("loadAverageAtEnd")).append(" at the end.\n");
        return table.toString();
    }

    private static void row(StringBuilder table, String figure, String node, String jdbc, String goal) {
        table.append("| ").append(figure).append(" | ").append(node).append(" | ").append(jdbc).append(" | ").append(goal).append(" |\n");
    }

    private static String format(String pattern, Object... values) {
        return String.format(Locale.ROOT, pattern, values);
    }

    private static String machine() throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
                .findFirst().map(line -> line.substring(line.indexOf(':') + 1).strip()).orElse("unknown CPU");
        return Runtime.getRuntime().availableProcessors() + " cores, " + cpu + ", "
                + Math.round(Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(line -> line.startsWith("MemTotal"))
                .findFirst().map(line -> Long.parseLong(line.replaceAll("\\D", "")) / 1024.0 / 1024.0).orElse(0.0)) + " GB RAM, Java "
                + System.getProperty("java.version");
    }

    private static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }

    private static void log(String step) {
        System.out.println(Instant.now() + " " + step);
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** Samples the node's used heap (Actuator) and resident memory (/proc) every half second while a read runs. */
    private static final class MemorySampler {

        private final NodeProcess node;
        private final Thread thread;
        private volatile boolean running = true;
        volatile long peakHeapBytes;
        volatile long peakRssBytes;

        MemorySampler(NodeProcess node) {
            this.node = node;
            this.thread = new Thread(this::sample, "memory-sampler");
        }

        void start() {
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }

        private void sample() {
            while (running) {
                try {
                    peakHeapBytes = Math.max(peakHeapBytes, node.heapUsedBytes());
                    peakRssBytes = Math.max(peakRssBytes, node.residentBytes());
                    Thread.sleep(500);
                } catch (IOException e) {
                    return;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
