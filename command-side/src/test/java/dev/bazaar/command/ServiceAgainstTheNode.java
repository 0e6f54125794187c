package dev.bazaar.command;

import dev.bazaar.testsupport.AxonServerNode;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole command service against the real node, one application context for every test class
 * that extends this. Two contexts would each run the order saga with a token store of their own
 * (each its own embedded PostgreSQL), so both would react to every placed order, which no real
 * deployment does: its instances share one database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "bazaar.embedded-postgres.data-dir=",
        "bazaar.snapshots.product-threshold=3"})
public abstract class ServiceAgainstTheNode {

    @DynamicPropertySource
    static void axonServer(DynamicPropertyRegistry registry) {
        registry.add("axon.axonserver.servers", () -> AxonServerNode.shared().grpcAddress());
    }
}
