package dev.bazaar.axonserver.eventstore;

import static org.awaitility.Awaitility.await;

import dev.bazaar.axonserver.AxonServerNodeApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The node as a process of its own (this test JVM's classpath and the node's main class), on free ports. */
final class NodeProcess {

    private static final Pattern GRPC_PORT = Pattern.compile("accepts gRPC on port (\\d+)");

    private final Process process;
    private final int grpcPort;

    private NodeProcess(Process process, int grpcPort) {
        this.process = process;
        this.grpcPort = grpcPort;
    }

    static NodeProcess start(Path dataDir, Path log) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(List.of(java.toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), AxonServerNodeApplication.class.getName(),
                "--bazaar.node.grpc-port=0", "--server.port=0", "--bazaar.embedded-postgres.data-dir=" + dataDir))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        Process process = builder.start();
        int port = await("the node's gRPC port in " + log).atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                .until(() -> grpcPort(log, process), found -> found != 0);
        return new NodeProcess(process, port);
    }

    String grpcAddress() {
        return "localhost:" + grpcPort;
    }

    /** SIGKILL: the JVM gets no chance to stop anything, its embedded PostgreSQL is orphaned. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: the node shuts down and stops its PostgreSQL. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /** The PostgreSQL server running on {@code dataDir}, by its pid file. */
    static Optional<ProcessHandle> postgres(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            return Files.readAllLines(pidFile).stream().findFirst().map(String::strip)
                    .flatMap(pid -> ProcessHandle.of(Long.parseLong(pid))).filter(ProcessHandle::isAlive);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int grpcPort(Path log, Process process) throws IOException {
        if (!process.isAlive()) {
            throw new IllegalStateException("The node exited with " + process.exitValue() + ":\n" + Files.readString(log));
        }
        Matcher port = GRPC_PORT.matcher(Files.readString(log));
        return port.find() ? Integer.parseInt(port.group(1)) : 0;
    }
}
