package dev.bazaar.bench.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
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
import java.util.concurrent.TimeUnit;

/**
 * What every rebuild benchmark does around its own history: start the node and a query service as
 * processes from their exec jars, wait for them to be healthy, read their resident memory, and drive
 * the query service's admin API until its projections are live.
 */
public final class ReplayProcesses {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private ReplayProcesses() {
    }

    /** Stops every process that was started (null for those that were not), the service first. */
    public static void stop(Process... processes) throws InterruptedException {
        for (Process process : processes) {
            if (process != null) {
                process.destroy();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * Writes a benchmark's figures as JSON to {@code bench.results} (default {@code bench/results}), under
     * the benchmark's name, the time and the machine's core count; returns the file.
     */
    public static Path writeResults(String benchmark, Map<String, Object> figures) throws IOException {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("benchmark", benchmark);
        document.put("at", Instant.now().toString());
        document.put("cores", Runtime.getRuntime().availableProcessors());
        document.putAll(figures);
        Path directory = Path.of(System.getProperty("bench.results", "bench/results"));
        Files.createDirectories(directory);
        Path file = directory.resolve(benchmark + "-" + Instant.now().toString().replace(':', '-') + ".json");
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), document);
        return file;
    }

    /** A table row: read model, events, total time, events/s and peak RSS. */
    public static String row(String name, long events, double seconds, long peakRssKb) {
        return String.format(Locale.ROOT, "| %s | %,d | %.1f s | %,.0f | %,d MB |", name, events, seconds, events / seconds, peakRssKb / 1024);
    }

    /** The same figures for the JSON results. */
    public static Map<String, Object> json(String name, long events, double seconds, long peakRssKb) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("readModel", name);
        result.put("events", events);
        result.put("seconds", seconds);
        result.put("eventsPerSecond", events / seconds);
        result.put("peakRssMb", peakRssKb / 1024);
        return result;
    }

    public static Process start(List<String> arguments, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        return builder.start();
    }

    public static void awaitHealthy(int port, Process process) throws Exception {
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

    /** Until something accepts connections on {@code port} (a database server has no health endpoint). */
    public static void awaitListening(int port, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("process for port " + port + " exited with " + process.exitValue());
            }
            try (Socket socket = new Socket("localhost", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(250);
            }
        }
        throw new IllegalStateException("nothing listening on port " + port + " within 120 s");
    }

    public static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return 0;
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The service's admin API with the local default credential. */
    public static final class Admin {

        private final HttpClient http = HttpClient.newHttpClient();
        private final String base;
        private final String credential = "Basic " + Base64.getEncoder().encodeToString("admin:bazaar-admin".getBytes(StandardCharsets.UTF_8));

        public Admin(int port) {
            this.base = "http://localhost:" + port;
        }

        public JsonNode get(String path) throws Exception {
            return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", credential).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
        }

        public void post(String path) throws Exception {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", credential)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 202) {
                throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
            }
        }

        /** Polls until every named projection is LIVE with its position at the head, printing progress. */
        public Result awaitLive(List<String> names, long pid, long startNanos) throws Exception {
            return awaitLive(names, startNanos, List.of(pid));
        }

        /**
         * Polls until every named projection is LIVE with its position at the head, printing progress, and
         * samples the resident memory of each of {@code pids} (the service first) meanwhile.
         */
        public Result awaitLive(List<String> names, long startNanos, List<Long> pids) throws Exception {
            Result result = new Result(names, pids);
            while (!result.allDone()) {
                Thread.sleep(200);
                result.sampleRss();
                StringBuilder progress = new StringBuilder();
                for (JsonNode projection : get("/admin/projections").get("projections")) {
                    String name = projection.get("name").asText();
                    if (!names.contains(name)) {
                        continue;
                    }
                    long position = projection.get("position").asLong();
                    long head = projection.get("head").asLong();
                    double after = (System.nanoTime() - startNanos) / 1e9;
                    if (position >= 0 && position < head) {
                        result.replaying(name, after);
                    }
                    boolean live = projection.get("state").asText().equals("LIVE") && head >= 0 && caughtUp(projection, position, head);
                    if (live && !result.done(name)) {
                        result.finished(name, after);
                    }
                    progress.append(String.format(Locale.ROOT, "%s %s %,d/%,d %,.0f/s   ", name, projection.get("state").asText(),
                            position, head, projection.get("eventsPerSecond").asDouble()));
                }
                System.out.print("\r" + progress);
            }
            System.out.println();
            return result;
        }

        /**
         * At the head; or, for a service that reports whether each segment has caught up (the document
         * service), every segment claimed and caught up (it found nothing more to read) and the position
         * short of the head by no more than a batch: a segment's position is that of the last event it
         * handled, and a processor that handles only some event types (reviews) is not sent the others, so
         * it stays behind a head made of events it does not handle.
         */
        private static boolean caughtUp(JsonNode projection, long position, long head) {
            if (position >= head) {
                return true;
            }
            JsonNode segments = projection.get("segments");
            if (segments == null || segments.isEmpty() || position < 0) {
                return false;
            }
            for (JsonNode segment : segments) {
                if (!segment.path("caughtUp").asBoolean(false)) {
                    return false;
                }
            }
            return head - position <= 1_024;
        }

        public static final class Result {

            private final List<String> names;
            private final List<Long> pids;
            private final double[] seconds;
            private final double[] firstProgress;
            private final long[] peakRssKb;

            Result(List<String> names, List<Long> pids) {
                this.names = names;
                this.pids = pids;
                this.seconds = new double[names.size()];
                this.firstProgress = new double[names.size()];
                this.peakRssKb = new long[pids.size()];
            }

            boolean done(String name) {
                return seconds[names.indexOf(name)] > 0;
            }

            void finished(String name, double after) {
                seconds[names.indexOf(name)] = after;
            }

            void replaying(String name, double after) {
                int index = names.indexOf(name);
                if (firstProgress[index] == 0) {
                    firstProgress[index] = after;
                }
            }

            boolean allDone() {
                for (double value : seconds) {
                    if (value == 0) {
                        return false;
                    }
                }
                return true;
            }

            public double seconds(String name) {
                return seconds[names.indexOf(name)];
            }

            /**
             * When the projection was first seen replaying (position past the tail, short of the head), after
             * the start; 0 if never seen (a replay shorter than the polling interval).
             */
            public double firstProgressSeconds(String name) {
                return firstProgress[names.indexOf(name)];
            }

            /** The peak resident memory of the first process polled (the service). */
            public long peakRssKb() {
                return peakRssKb[0];
            }

            public long peakRssKb(long pid) {
                return peakRssKb[pids.indexOf(pid)];
            }

            void sampleRss() throws IOException {
                for (int i = 0; i < pids.size(); i++) {
                    peakRssKb[i] = Math.max(peakRssKb[i], rssKb(pids.get(i)));
                }
            }
        }
    }
}
