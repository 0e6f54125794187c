package dev.bazaar.query.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.process.JavaProcess;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The application pointed at an address where no Axon Server listens: it still answers, with errors. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AxonServerUnreachableTest {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void nowhere(DynamicPropertyRegistry registry) {
        registry.add("axon.axonserver.servers", () -> "localhost:" + JavaProcess.freePort());
        registry.add("bazaar.graphql.query-timeout", () -> "5s");
    }

    @Test
    void everyFieldAnswersAnUnavailableErrorInsteadOfHanging() {
        HttpGraphQlTester http = HttpGraphQlTester.create(
                WebTestClient.bindToServer().baseUrl("http://localhost:" + port + "/graphql").build());

        http.document("{ customer(id: \"anyone\") { name } product(id: \"anything\") { name } }")
                .execute()
                .errors().satisfy(errors -> {
                    assertThat(errors).hasSize(2);
                    assertThat(errors).allSatisfy(error ->
                            assertThat(error.getErrorType().toString()).isEqualTo("READ_MODEL_UNAVAILABLE"));
                })
                .path("customer").valueIsNull()
                .path("product").valueIsNull();
    }
}
