package dev.bazaar.testsupport;

import dev.bazaar.process.JavaProcess;
import dev.bazaar.process.Readiness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The {@code axonserver} node as a separate process on free ports with its own temporary data
 * directory, for tests that need Axon Server's protocol over a real connection.
 *
 * <p>{@link #shared()} starts one node per test JVM and stops it when the JVM exits, so that test
 * classes of a module share its start-up cost; {@link #startNew} gives a test a node of its own
 * (for example one it means to kill).
 */
public final class AxonServerNode implements AutoCloseable {

    /** System property naming the node's exec jar; the root pom sets it for every module's tests. */
    public static final String JAR_PROPERTY = "bazaar.node.jar";

    private static AxonServerNode shared;

    private final JavaProcess process;
    private final int grpcPort;
    private final int httpPort;
    private final Path dataDir;

    private AxonServerNode(JavaProcess process, int grpcPort, int httpPort, Path dataDir) {
        this.process = process;
        this.grpcPort = grpcPort;
        this.httpPort = httpPort;
        this.dataDir = dataDir;
    }

    /** The node every test class of this JVM shares; started on first use. */
    public static synchronized AxonServerNode shared() {
        if (shared == null || !shared.process.isAlive()) {
            shared = startNew(Map.of());
            AxonServerNode node = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(node::close, "axonserver-node-stop"));
        }
        return shared;
    }

    /**
     * A node of the caller's own, stopped by {@link #close()}.
     *
     * @param extraProperties more {@code --name=value} program arguments, e.g. {@code bazaar.node.access-token}
     */
    public static AxonServerNode startNew(Map<String, String> extraProperties) {
        try {
            return startNew(Files.createTempDirectory("bazaar-node-"), extraProperties);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A node on the given data directory: start another one on the same directory to see what survived. */
    public static AxonServerNode startNew(Path dataDir, Map<String, String> extraProperties) {
        int grpcPort = JavaProcess.freePort();
        int httpPort = JavaProcess.freePort();
        Stream<String> base = Stream.of(
                "--bazaar.node.grpc-port=" + grpcPort,
                "--server.port=" + httpPort,
                "--bazaar.embedded-postgres.data-dir=" + dataDir.resolve("postgres"));
        List<String> args = Stream.concat(base,
                extraProperties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())).toList();
        JavaProcess process = JavaProcess.start("axonserver", nodeJar(), List.of("-Xmx512m", "-XX:+UseSerialGC"), args,
                Map.of(), dataDir.resolve("node.log"),
                Readiness.httpHealth(URI.create("http://localhost:" + httpPort + "/actuator/health")), Duration.ofSeconds(90));
        return new AxonServerNode(process, grpcPort, httpPort, dataDir);
    }

    /** For {@code axon.axonserver.servers}. */
    public String grpcAddress() {
        return "localhost:" + grpcPort;
    }

    public int grpcPort() {
        return grpcPort;
    }

    public int httpPort() {
        return httpPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    public JavaProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.close();
    }

    static Path nodeJar() {
        String configured = System.getProperty(JAR_PROPERTY);
        Path jar = configured != null ? Path.of(configured) : findInReactor();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The axonserver node's jar is not at " + jar
                    + "; build it first: mvn -pl axonserver -am package -DskipTests");
        }
        return jar;
    }

    private static Path findInReactor() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path target = dir.resolve("axonserver").resolve("target");
            if (Files.isDirectory(target)) {
                try (Stream<Path> files = Files.list(target)) {
                    return files.filter(p -> p.getFileName().toString().endsWith("-exec.jar")).findFirst()
                            .orElse(target.resolve("axonserver-exec.jar"));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return Path.of("axonserver", "target", "axonserver-exec.jar");
    }
}
