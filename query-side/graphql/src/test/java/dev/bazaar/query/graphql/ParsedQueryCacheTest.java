package dev.bazaar.query.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.process.JavaProcess;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A document asked again comes from the parsed-query cache: it must be refused, or answered, exactly as
 * the first time. The application is shared, so a repeated test meets the documents its first run cached.
 * No read model is needed: no Axon Server listens, and every answer here is decided without one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ParsedQueryCacheTest {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void nowhere(DynamicPropertyRegistry registry) {
        registry.add("axon.axonserver.servers", () -> "localhost:" + JavaProcess.freePort());
        registry.add("bazaar.graphql.query-timeout", () -> "2s");
    }

    @RepeatedTest(2)
    void aCachedDocumentDeeperThanTheLimitIsStillRefused() {
        http().document("""
                        { customer(id: "deep") { orders { items { lines { product { reviews { items {
                            customer { orders { items { lines { product { reviews { items { customer { name } } } } } } } }
                        } } } } } } } }""")
                .execute()
                .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(error ->
                        assertThat(error.getMessage()).contains("maximum query depth exceeded")));
    }

    @RepeatedTest(2)
    void aCachedInvalidDocumentAnswersItsValidationErrorAgain() {
        http().document("{ customer(id: \"ann\") { shoeSize } }")
                .execute()
                .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(error -> {
                    assertThat(error.getErrorType().toString()).isEqualTo("ValidationError");
                    assertThat(error.getMessage()).contains("shoeSize");
                }));
    }

    @Test
    void aCachedDocumentTakesEachRequestsOwnVariables() {
        String document = "query($id: ID!) { customer(id: $id) { name } }";
        http().document(document).variable("id", "not an id!").execute()
                .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(error ->
                        assertThat(error.getErrorType().toString()).isEqualTo("BAD_REQUEST")));
        http().document(document).variable("id", "ann").execute()
                .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(error ->
                        assertThat(error.getErrorType().toString()).isEqualTo("READ_MODEL_UNAVAILABLE")));
    }

    private HttpGraphQlTester http() {
        return HttpGraphQlTester.create(WebTestClient.bindToServer().baseUrl("http://localhost:" + port + "/graphql").build());
    }
}
