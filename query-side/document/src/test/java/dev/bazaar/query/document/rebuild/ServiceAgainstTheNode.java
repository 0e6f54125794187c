package dev.bazaar.query.document.rebuild;

import dev.bazaar.testsupport.AxonServerNode;
import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole service against the shared node, one Spring context for every test class of the whole
 * service: two contexts would both answer queries through the node, each from its own database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(CatalogFault.class)
public abstract class ServiceAgainstTheNode {

    static final String ADMIN = "admin";
    static final String PASSWORD = "bazaar-admin";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("axon.axonserver.servers", () -> AxonServerNode.shared().grpcAddress());
        registry.add("bazaar.embedded-mongo.data-file", () -> "");
        registry.add("bazaar.rebuild.drop-delay", () -> "1s");
        // Must stay below the drop delay (the service refuses to start otherwise).
        registry.add("bazaar.rebuild.idle-interval", () -> "500ms");
        registry.add("bazaar.read-your-writes.timeout", () -> "2s");
        // Batches of 10 events instead of 16,384, so that a rebuild of these tests' histories lasts seconds rather
        // than one batch: long enough to be seen rebuilding (409 on a second request, queries answered meanwhile).
        registry.add("bazaar.processors.batch-size", () -> "10");
    }

    @LocalServerPort
    int port;

    @Autowired
    protected EventStore events;

    @Autowired
    protected QueryGateway queries;

    @Autowired
    protected MongoTemplate mongo;

    protected final String suffix = UUID.randomUUID().toString().substring(0, 8);

    AdminClient admin() {
        return new AdminClient("http://localhost:" + port, ADMIN, PASSWORD);
    }

    AdminClient anonymous() {
        return new AdminClient("http://localhost:" + port, null, null);
    }

    long head() {
        org.axonframework.eventhandling.TrackingToken head = events.createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }
}
