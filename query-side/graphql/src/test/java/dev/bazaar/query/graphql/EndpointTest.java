package dev.bazaar.query.graphql;

import dev.bazaar.query.fixture.TestReadModels;
import dev.bazaar.query.fixture.TestWorld;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The whole application on a free port, connected to the node, with test query services in place of
 * the read models. Every test class extends this one so that they share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class EndpointTest {

    static final TestWorld world = TestWorld.shared();
    static final TestReadModels readModels = world.readModels();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void connectToTheNode(DynamicPropertyRegistry registry) {
        registry.add("axon.axonserver.servers", world::axonServer);
        registry.add("bazaar.graphql.query-timeout", () -> "5s");
        // Long enough that no test sees a nested product expire between two of its requests.
        registry.add("bazaar.graphql.nested-product-ttl", () -> "10m");
    }

    WebTestClient web() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
                .build();
    }

    HttpGraphQlTester http() {
        return HttpGraphQlTester.create(web().mutate().baseUrl("http://localhost:" + port + "/graphql").build());
    }
}
