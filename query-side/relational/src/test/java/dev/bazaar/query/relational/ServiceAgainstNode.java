package dev.bazaar.query.relational;

import dev.bazaar.testsupport.AxonServerNode;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole service in this JVM against the shared {@code axonserver} node, on a fresh embedded
 * PostgreSQL. Every test class extending it shares one application context: two contexts would both
 * register their query handlers with the node, which could then route a query to the other's database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ServiceAgainstNode {

    @DynamicPropertySource
    static void node(DynamicPropertyRegistry properties) {
        properties.add("axon.axonserver.servers", () -> AxonServerNode.shared().grpcAddress());
        properties.add("bazaar.embedded-postgres.data-dir", () -> "");
        properties.add("bazaar.read-your-writes.max-wait", () -> "2s");
    }
}
