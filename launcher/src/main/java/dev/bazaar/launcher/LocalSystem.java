package dev.bazaar.launcher;

import dev.bazaar.process.JavaProcess;
import dev.bazaar.process.Readiness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The whole system on its embedded defaults, each part its own process, started in dependency order
 * (databases, then the node, then the services that use it, then GraphQL, which queries them) and
 * each health-checked before what depends on it starts. Stopping goes in the reverse order.
 */
public final class LocalSystem implements AutoCloseable {

    /** Generous: on a machine shared with other builds a service has been seen to take two minutes to start. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(300);
    private static final List<String> DATABASE_JVM = List.of("-Xmx128m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError");
    private static final List<String> SERVICE_JVM = List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError");

    private final Path repository;
    private final Path dataDir;
    private final Path logDir;
    private final SystemLayout layout;
    private final List<JavaProcess> started = Collections.synchronizedList(new ArrayList<>());
    /** How each started service was started, by part name, so that another instance can be started alike. */
    private final Map<String, ServiceStart> serviceStarts = new ConcurrentHashMap<>();
    /** The data directory of each PostgreSQL part, by part name: it names the server's process in its lock file. */
    private final Map<String, Path> postgresDataDirs = new ConcurrentHashMap<>();

    private LocalSystem(Path repository, Path home, SystemLayout layout) {
        this.repository = repository;
        this.dataDir = home.resolve("data");
        this.logDir = home.resolve("logs");
        this.layout = layout;
    }

    /** The {@code run} command: start, print where everything is, wait for Ctrl-C. */
    static void run(Options options) throws InterruptedException {
        Path repository = repositoryRoot();
        Path home = options.value("home").map(Path::of).orElse(repository.resolve(".bazaar")).toAbsolutePath();
        LocalSystem system = new LocalSystem(repository, home, SystemLayout.defaults());
        Runtime.getRuntime().addShutdownHook(new Thread(system::close, "bazaar-stop"));
        try {
            system.start(options.flag("fresh"));
        } catch (PartFailedException e) {
            System.err.println();
            System.err.println(e.getMessage());
            System.exit(1);
        }
        System.out.println(system.describe());
        if (options.flag("demo")) {
            DemoData.load(system.layout);
        }
        Thread.currentThread().join();
    }

    /** Starts a whole system in {@code home} on {@code layout}; {@link #close()} stops it. */
    public static LocalSystem start(Path repository, Path home, SystemLayout layout, boolean fresh) {
        LocalSystem system = new LocalSystem(repository, home, layout);
        try {
            system.start(fresh);
            return system;
        } catch (RuntimeException e) {
            system.close();
            throw e;
        }
    }

    public SystemLayout layout() {
        return layout;
    }

    public Path logDir() {
        return logDir;
    }

    /** A started part by name, e.g. to kill it. */
    public JavaProcess part(String name) {
        synchronized (started) {
            return started.stream().filter(p -> p.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("No part named " + name));
        }
    }

    /**
     * Starts one more instance of a running service, as a second replica would run on real
     * infrastructure: the same jar with the same node and database, under its own name and on its own
     * HTTP port. It is stopped with the rest of the system.
     */
    public JavaProcess startAnotherInstance(String part, String instanceName, int httpPort) {
        ServiceStart start = serviceStarts.get(part);
        if (start == null) {
            throw new IllegalArgumentException("No service named " + part);
        }
        service(instanceName, start.module(), httpPort, start.environment());
        return part(instanceName);
    }

    /**
     * Ends a part at once with SIGKILL, as a crash of its machine would. A PostgreSQL part's server is
     * not a child of the part's JVM ({@code pg_ctl} detaches it), so it is killed too, with its
     * backends: found by the process id in its data directory's {@code postmaster.pid}. Start the part
     * again with {@code part(name).restart(timeout)}; the server then recovers from its WAL.
     */
    public void kill(String name) {
        JavaProcess part = part(name);
        Optional<ProcessHandle> server = Optional.ofNullable(postgresDataDirs.get(name)).flatMap(LocalSystem::postmasterOf);
        part.kill();
        server.ifPresent(postmaster -> {
            postmaster.descendants().forEach(ProcessHandle::destroyForcibly);
            postmaster.destroyForcibly();
            postmaster.onExit().orTimeout(30, TimeUnit.SECONDS).join();
        });
    }

    private static Optional<ProcessHandle> postmasterOf(Path dataDir) {
        try {
            return Files.readAllLines(dataDir.resolve("postmaster.pid")).stream().findFirst()
                    .map(String::strip).filter(pid -> pid.matches("\\d+"))
                    .flatMap(pid -> ProcessHandle.of(Long.parseLong(pid)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private void start(boolean fresh) {
        if (fresh) {
            deleteRecursively(dataDir);
        }
        createDirectories(dataDir);
        createDirectories(logDir);
        System.out.println("Starting Bazaar: data in " + dataDir + ", logs in " + logDir);
        inParallel(
                () -> database("postgres-axonserver", "postgres", layout.nodePostgres(), "--data-dir", dataDir.resolve("axonserver/postgres")),
                () -> database("postgres-command", "postgres", layout.commandPostgres(), "--data-dir", dataDir.resolve("command-side/postgres")),
                () -> database("postgres-relational", "postgres", layout.relationalPostgres(), "--data-dir", dataDir.resolve("query-relational/postgres")),
                () -> database("mongo", "mongo", layout.mongo(), "--data-file", dataDir.resolve("query-document/mongo.mv")));
        service("axonserver", "axonserver", layout.nodeHttp(), Map.of(
                "BAZAAR_NODE_GRPC_PORT", String.valueOf(layout.nodeGrpc()),
                "SPRING_DATASOURCE_URL", postgresUrl(layout.nodePostgres(), "axonserver")));
        inParallel(
                () -> service("command-side", "command-side", layout.command(), Map.of(
                        "SPRING_DATASOURCE_URL", postgresUrl(layout.commandPostgres(), "command"))),
                () -> service("query-relational", "query-side/relational", layout.relational(), Map.of(
                        "SPRING_DATASOURCE_URL", postgresUrl(layout.relationalPostgres(), "relational"))),
                () -> service("query-document", "query-side/document", layout.document(), Map.of(
                        "SPRING_DATA_MONGODB_URI", "mongodb://localhost:" + layout.mongo() + "/catalog")));
        service("query-graphql", "query-side/graphql", layout.graphql(), Map.of());
    }

    private void database(String name, String kind, int port, String dataOption, Path dataPath) {
        if (kind.equals("postgres")) {
            postgresDataDirs.put(name, dataPath);
        }
        Path jar = jarOf("launcher");
        List<String> args = List.of(kind, "--port", String.valueOf(port), dataOption, dataPath.toString());
        launch(name, jar, DATABASE_JVM, args, Map.of(), Readiness.tcpPort(port));
    }

    private void service(String name, String module, int httpPort, Map<String, String> environment) {
        serviceStarts.putIfAbsent(name, new ServiceStart(module, environment));
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.put("SERVER_PORT", String.valueOf(httpPort));
        env.put("AXON_AXONSERVER_SERVERS", layout.nodeAddress());
        env.put("BAZAAR_DATA_DIR", dataDir.toString());
        env.putIfAbsent("SPRING_DATASOURCE_USERNAME", "postgres");
        Readiness health = Readiness.httpHealth(URI.create("http://localhost:" + httpPort + "/actuator/health"));
        launch(name, jarOf(module), SERVICE_JVM, List.of(), env, health);
    }

    private void launch(String name, Path jar, List<String> jvm, List<String> args, Map<String, String> env, Readiness readiness) {
        System.out.println("  starting " + name + " ...");
        try {
            started.add(JavaProcess.start(name, jar, jvm, args, env, logDir.resolve(name + ".log"), readiness, START_TIMEOUT));
        } catch (RuntimeException e) {
            throw new PartFailedException(name, logDir.resolve(name + ".log"), e);
        }
        System.out.println("  " + name + " is up");
    }

    private static void inParallel(Runnable... starts) {
        CompletableFuture<?>[] futures = Stream.of(starts).map(CompletableFuture::runAsync).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(futures).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static String postgresUrl(int port, String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    /** Stops every started part, the last started first. */
    @Override
    public void close() {
        List<JavaProcess> parts;
        synchronized (started) {
            parts = new ArrayList<>(started);
            started.clear();
        }
        Collections.reverse(parts);
        for (JavaProcess part : parts) {
            part.close();
        }
    }

    String describe() {
        StringBuilder table = new StringBuilder("\nBazaar is running. Ctrl-C stops everything.\n\n");
        String row = "%-22s %-8s %s%n";
        table.append(String.format(row, "part", "pid", "where"));
        List<JavaProcess> parts;
        synchronized (started) {
            parts = List.copyOf(started);
        }
        Map<String, String> where = Map.of(
                "axonserver", "gRPC " + layout.nodeAddress() + "   status " + layout.nodeUrl() + "/v1/status",
                "command-side", "REST " + layout.commandUrl() + "/api   Swagger UI " + layout.commandUrl() + "/swagger-ui.html",
                "query-graphql", "GraphQL " + layout.graphqlUrl() + "/graphql   GraphiQL " + layout.graphqlUrl() + "/graphiql",
                "query-relational", "admin " + layout.relationalUrl() + "/admin/projections",
                "query-document", "admin " + layout.documentUrl() + "/admin/projections",
                "postgres-axonserver", "jdbc:postgresql://localhost:" + layout.nodePostgres() + "/axonserver",
                "postgres-command", "jdbc:postgresql://localhost:" + layout.commandPostgres() + "/command",
                "postgres-relational", "jdbc:postgresql://localhost:" + layout.relationalPostgres() + "/relational",
                "mongo", "mongodb://localhost:" + layout.mongo() + "/catalog");
        parts.stream().sorted(Comparator.comparing(JavaProcess::name))
                .forEach(p -> table.append(String.format(row, p.name(), p.pid(), where.getOrDefault(p.name(), ""))));
        table.append("\nLogs: ").append(logDir).append('\n');
        return table.toString();
    }

    private Path jarOf(String module) {
        Path target = repository.resolve(module).resolve("target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().endsWith("-exec.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No executable jar in " + target + ": build first (mvn -DskipTests package)"));
        } catch (IOException e) {
            throw new IllegalStateException("No " + target + ": build first (mvn -DskipTests package)", e);
        }
    }

    /** The repository the launcher runs in: the working directory or the nearest folder above it holding the reactor. */
    static Path repositoryRoot() {
        Path here = Path.of("").toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("launcher"))) {
                return dir;
            }
        }
        return here;
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + dir, e);
        }
    }

    private record ServiceStart(String module, Map<String, String> environment) {
    }

    /** A part that did not start: names it and shows the end of its log. */
    static final class PartFailedException extends RuntimeException {

        PartFailedException(String part, Path log, RuntimeException cause) {
            super("Bazaar could not start " + part + " (log: " + log + "):\n" + cause.getMessage(), cause);
        }
    }
}
