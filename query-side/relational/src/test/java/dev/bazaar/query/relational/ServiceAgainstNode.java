package dev.bazaar.query.relational;

import dev.bazaar.query.relational.rebuild.CustomerFault;
import dev.bazaar.testsupport.AxonServerNode;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole service in this JVM against the shared {@code axonserver} node, on a fresh embedded
 * PostgreSQL ({@link TestDatabase}). Every test class extending it shares one application context: two contexts would both
 * register their query handlers with the node, which could then route a query to the other's database.
 * {@link CustomerFault} is part of it (switched off unless a test switches it on).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(CustomerFault.class)
public abstract class ServiceAgainstNode {

    @DynamicPropertySource
    static void node(DynamicPropertyRegistry properties) {
        properties.add("axon.axonserver.servers", () -> AxonServerNode.shared().grpcAddress());
        properties.add("spring.datasource.url", TestDatabase::jdbcUrl);
        properties.add("spring.datasource.username", TestDatabase::username);
        properties.add("bazaar.read-your-writes.max-wait", () -> "2s");
    }
}
