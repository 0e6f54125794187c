package dev.bazaar.axonserver.eventstore;

import dev.bazaar.axonserver.AxonServerNodeApplication;
import dev.bazaar.axonserver.grpc.GrpcServer;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The node in this JVM on free ports, with its embedded PostgreSQL in a directory of the test's. */
final class InProcessNode implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private InProcessNode(ConfigurableApplicationContext context) {
        this.context = context;
    }

    static InProcessNode start(Path dataDir) {
        return new InProcessNode(new SpringApplicationBuilder(AxonServerNodeApplication.class).run(
                "--bazaar.node.grpc-port=0", "--server.port=0", "--bazaar.embedded-postgres.data-dir=" + dataDir));
    }

    String grpcAddress() {
        return "localhost:" + context.getBean(GrpcServer.class).port();
    }

    /** The node's own database, for a test that plays PostgreSQL's part in a failure. */
    DataSource dataSource() {
        return context.getBean(DataSource.class);
    }

    @Override
    public void close() {
        context.close();
    }
}
