package dev.bazaar.query.graphql;

import static dev.bazaar.query.fixture.TestData.customer;
import static dev.bazaar.query.fixture.TestData.product;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.api.catalog.RatingSummary;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ReadYourWritesTest extends EndpointTest {

    @Test
    void aQueryWithMinVersionWaitsForTheReadModelToReachIt() {
        readModels.put(product("ryw-kettle", "Kettle", 3000, Map.of(), RatingSummary.none(), 3));
        CompletableFuture.runAsync(() -> readModels.put(product("ryw-kettle", "Kettle, renamed", 3000, Map.of(), RatingSummary.none(), 4)),
                CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS));

        http().document("{ product(id: \"ryw-kettle\", minVersion: 4) { name version } }")
                .execute()
                .errors().verify()
                .path("product.version").entity(Long.class).isEqualTo(4L)
                .path("product.name").entity(String.class).isEqualTo("Kettle, renamed");
    }

    @Test
    void aVersionTheReadModelDoesNotReachInTimeIsAnErrorEntryNotAFailure() {
        readModels.put(product("ryw-toaster", "Toaster", 4000, Map.of(), RatingSummary.none(), 2));

        http().document("{ product(id: \"ryw-toaster\", minVersion: 9) { name } }")
                .execute()
                .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(error -> {
                    assertThat(error.getErrorType().toString()).isEqualTo("READ_MODEL_BEHIND");
                    assertThat(error.getMessage()).startsWith("the read model has not reached version 9 of product ryw-toaster yet");
                    assertThat(error.getPath()).isEqualTo("product");
                }))
                .path("product").valueIsNull();
    }

    @Test
    void aReadModelThatIsDownCostsOnlyItsOwnFields() {
        readModels.put(customer("down-customer", "Dora Down"));
        readModels.put(product("down-product", "Lamp", 1000));
        world.stopDocumentService();
        try {
            http().document("{ customer(id: \"down-customer\") { name } product(id: \"down-product\") { name } }")
                    .execute()
                    .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(error -> {
                        assertThat(error.getErrorType().toString()).isEqualTo("READ_MODEL_UNAVAILABLE");
                        assertThat(error.getPath()).isEqualTo("product");
                    }))
                    .path("customer.name").entity(String.class).isEqualTo("Dora Down")
                    .path("product").valueIsNull();
        } finally {
            world.startDocumentService();
        }
    }
}
