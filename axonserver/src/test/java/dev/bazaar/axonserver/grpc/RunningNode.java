package dev.bazaar.axonserver.grpc;

import dev.bazaar.axonserver.AxonServerNodeApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/** The node started in-process on free ports with its own data directory, as the tests' Axon Server. */
public final class RunningNode implements AutoCloseable {

    private static RunningNode shared;

    private final ConfigurableApplicationContext context;

    private RunningNode(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /**
     * One node for every test class of the JVM that needs no special configuration: starting embedded
     * PostgreSQL is the slow part of a node's start. It stops, and its data directory goes, when the JVM exits.
     */
    public static synchronized RunningNode shared() throws IOException {
        if (shared == null) {
            Path dataDir = Files.createTempDirectory("axonserver-node-test");
            RunningNode node = start(dataDir);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                node.close();
                FileSystemUtils.deleteRecursively(dataDir.toFile());
            }));
            shared = node;
        }
        return shared;
    }

    public static RunningNode start(Path dataDir, String... extraArguments) {
        List<String> arguments = new ArrayList<>(List.of(
                "--bazaar.node.grpc-port=0", "--server.port=0", "--bazaar.embedded-postgres.data-dir=" + dataDir));
        arguments.addAll(List.of(extraArguments));
        return new RunningNode(new SpringApplicationBuilder(AxonServerNodeApplication.class).run(arguments.toArray(String[]::new)));
    }

    /** What a client puts in {@code axon.axonserver.servers}. */
    public String grpcAddress() {
        return "localhost:" + context.getBean(GrpcServer.class).port();
    }

    public int httpPort() {
        return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
