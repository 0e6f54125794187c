package dev.bazaar.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The axonserver node's exec jar as a process of its own, so that its memory can be measured alone. */
final class NodeProcess implements AutoCloseable {

    private static final Pattern GRPC_PORT = Pattern.compile("accepts gRPC on port (\\d+)");
    private static final Pattern HTTP_PORT = Pattern.compile("Tomcat started on port (\\d+)");
    private static final Pattern HEAP_METRIC = Pattern.compile("\"statistic\"\\s*:\\s*\"VALUE\"\\s*,\\s*\"value\"\\s*:\\s*([0-9.E+]+)");
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");
    private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");

    private final Process process;
    private final int grpcPort;
    private final HttpClient http = HttpClient.newHttpClient();
    private final HttpRequest heapMetric;

    private NodeProcess(Process process, int grpcPort, int httpPort) {
        this.process = process;
        this.grpcPort = grpcPort;
        this.heapMetric = HttpRequest.newBuilder(
                URI.create("http://localhost:" + httpPort + "/actuator/metrics/jvm.memory.used?tag=area:heap")).build();
    }

    static NodeProcess start(Path jar, String maxHeap, String jdbcUrl, Path log) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java("java"), "-Xmx" + maxHeap));
        String extraJvmArguments = System.getProperty("bench.nodeJvmArgs", "").strip();
        if (!extraJvmArguments.isEmpty()) {
            command.addAll(List.of(extraJvmArguments.split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString(), "--bazaar.node.grpc-port=0", "--server.port=0",
                "--spring.datasource.url=" + jdbcUrl, "--spring.datasource.username=postgres"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        Process process = builder.start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The node exited:\n" + Files.readString(log));
            }
            String started = Files.readString(log);
            Matcher grpcPort = GRPC_PORT.matcher(started);
            Matcher httpPort = HTTP_PORT.matcher(started);
            if (grpcPort.find() && httpPort.find()) {
                return new NodeProcess(process, Integer.parseInt(grpcPort.group(1)), Integer.parseInt(httpPort.group(1)));
            }
            Thread.sleep(200);
        }
        process.destroyForcibly();
        throw new IllegalStateException("The node did not start within 2 minutes; see " + log);
    }

    long pid() {
        return process.pid();
    }

    String grpcAddress() {
        return "localhost:" + grpcPort;
    }

    long residentBytes() throws IOException {
        Matcher rss = RSS.matcher(Files.readString(Path.of("/proc", String.valueOf(process.pid()), "status")));
        return rss.find() ? Long.parseLong(rss.group(1)) * 1024 : -1;
    }

    /** Used heap after a full GC, as the JVM reports it. */
    long heapUsedAfterGcBytes() throws IOException, InterruptedException {
        jcmd("GC.run");
        Matcher used = HEAP_USED.matcher(jcmd("GC.heap_info"));
        return used.find() ? Long.parseLong(used.group(1)) * 1024 : -1;
    }

    /**
     * Used heap now, from the node's Actuator metrics: cheap enough to sample while a benchmark runs
     * (a jcmd starts a JVM of its own each time, which on two cores slows the node it measures).
     */
    long heapUsedBytes() throws IOException, InterruptedException {
        Matcher used = HEAP_METRIC.matcher(http.send(heapMetric, HttpResponse.BodyHandlers.ofString()).body());
        return used.find() ? (long) Double.parseDouble(used.group(1)) : -1;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(java("jcmd"), String.valueOf(process.pid()), command).redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes());
        jcmd.waitFor();
        return output;
    }

    private static String java(String tool) {
        return Path.of(System.getProperty("java.home"), "bin", tool).toString();
    }
}
