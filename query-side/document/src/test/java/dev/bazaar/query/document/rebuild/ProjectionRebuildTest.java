package dev.bazaar.query.document.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bazaar.api.catalog.FindProduct;
import dev.bazaar.api.catalog.ProductId;
import dev.bazaar.api.catalog.ProductPage;
import dev.bazaar.api.catalog.ProductSort;
import dev.bazaar.api.catalog.ProductView;
import dev.bazaar.api.catalog.SearchProducts;
import dev.bazaar.api.common.PageRequest;
import dev.bazaar.api.reviews.FindReviewsOfProduct;
import dev.bazaar.api.reviews.ReviewPage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.junit.jupiter.api.Test;

/**
 * The admin API and the zero-downtime rebuild, on the whole service against the real node: a rebuild
 * builds the next generation beside the live one, queries keep answering from the live one until
 * the switch, and the rebuilt read model equals the one built live (plus what was appended meanwhile).
 */
class ProjectionRebuildTest extends ServiceAgainstTheNode {

    private static final Duration PATIENCE = Duration.ofMinutes(2);

    @Test
    void listsEveryProjectionWithItsPositionHeadAndSegments() {
        long head = head();
        await().atMost(PATIENCE).until(() -> admin().liveAt("catalog", head) && admin().liveAt("reviews", head));

        AdminClient.Answer list = admin().get("/admin/projections");

        assertThat(list.status()).isEqualTo(200);
        assertThat(names(list.body().get("projections"))).containsExactly("catalog", "reviews");
        JsonNode catalog = admin().projection("catalog");
        assertThat(catalog.get("generation").asLong()).isPositive();
        assertThat(catalog.get("head").asLong()).isGreaterThanOrEqualTo(head);
        assertThat(catalog.get("lag").asLong()).isEqualTo(Math.max(0, catalog.get("head").asLong() - catalog.get("position").asLong()));
        assertThat(catalog.get("error").isNull()).isTrue();
        assertThat(catalog.get("segments")).hasSize(2).allSatisfy(segment -> {
            assertThat(segment.get("owner").asText()).isNotBlank();
            assertThat(segment.get("position").asLong()).isGreaterThanOrEqualTo(head);
        });
    }

    @Test
    void refusesTheAdminApiWithoutTheAdminCredentialButLeavesHealthAndMetricsOpen() {
        AdminClient.Answer anonymous = anonymous().get("/admin/projections");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.body().get("status").asInt()).isEqualTo(401);
        assertThat(anonymous.body().get("title").asText()).isEqualTo("Unauthorized");

        AdminClient wrongPassword = new AdminClient("http://localhost:" + port, ADMIN, "guess");
        assertThat(wrongPassword.post("/admin/projections/catalog/rebuild").status()).isEqualTo(401);
        assertThat(anonymous().post("/admin/projections/rebuild").status()).isEqualTo(401);
        assertThat(admin().projection("catalog").get("state").asText()).isNotEqualTo("REBUILDING");

        assertThat(anonymous().get("/actuator/health").status()).isEqualTo(200);
        AdminClient.Answer generation = anonymous().get("/actuator/metrics/bazaar.projection.generation?tag=projection:catalog");
        assertThat(generation.status()).isEqualTo(200);
        assertThat(generation.body().get("measurements").get(0).get("value").asDouble())
                .isEqualTo(admin().projection("catalog").get("generation").asDouble());
    }

    @Test
    void answersNotFoundForAnUnknownProjection() {
        AdminClient.Answer unknown = admin().post("/admin/projections/orders/rebuild");

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().get("detail").asText()).isEqualTo("No projection named 'orders'");
    }

    @Test
    void rebuildsOneProjectionIntoTheNextGenerationAndDropsTheOldOne() {
        awaitLive();
        long catalog = admin().projection("catalog").get("generation").asLong();
        long reviews = admin().projection("reviews").get("generation").asLong();

        AdminClient.Answer started = admin().post("/admin/projections/catalog/rebuild");

        assertThat(started.status()).isEqualTo(202);
        assertThat(started.body().get("name").asText()).isEqualTo("catalog");
        assertThat(started.body().get("state").asText()).isEqualTo("REBUILDING");
        assertThat(started.body().get("generation").asLong()).isEqualTo(catalog);
        assertThat(started.body().get("buildingGeneration").asLong()).isEqualTo(catalog + 1);
        long head = head();
        await().atMost(PATIENCE).until(() -> admin().liveAt("catalog", head));
        assertThat(admin().projection("catalog").get("generation").asLong()).isEqualTo(catalog + 1);
        assertThat(admin().projection("reviews").get("generation").asLong()).isEqualTo(reviews);
        await().atMost(PATIENCE).until(() -> !mongo.collectionExists("products_g" + catalog));
        assertThat(mongo.collectionExists("products_g" + (catalog + 1))).isTrue();
        assertThat(anonymous().get("/actuator/metrics/bazaar.projection.generation?tag=projection:catalog").body()
                .get("measurements").get(0).get("value").asLong()).isEqualTo(catalog + 1);
    }

    @Test
    void rebuildsEveryProjectionWithoutDowntimeIntoAReadModelEqualToTheLiveOne() throws Exception {
        ShopHistory history = ShopHistory.of("h" + suffix, 420, 12);
        assertThat(history.size()).isGreaterThanOrEqualTo(10_000);
        history.appendTo(events);
        awaitLive();
        Map<String, List<String>> builtLive = ReadModelDump.of(mongo.getDb());
        assertThat(builtLive.get("products")).filteredOn(ReadModelDump.idStartsWith(history.prefix)).hasSize(420);
        Answers answeredLive = answers(history.prefix);
        long catalog = admin().projection("catalog").get("generation").asLong();
        long reviews = admin().projection("reviews").get("generation").asLong();

        AdminClient.Answer started = admin().post("/admin/projections/rebuild");
        assertThat(started.status()).isEqualTo(202);
        assertThat(started.body().get("projections")).extracting(p -> p.get("state").asText()).containsOnly("REBUILDING");
        AdminClient.Answer again = admin().post("/admin/projections/catalog/rebuild");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().get("detail").asText()).isEqualTo("Projection 'catalog' is already rebuilding generation " + (catalog + 1));

        ShopHistory late = ShopHistory.of("late" + suffix, 3, 2);
        late.appendTo(events);
        do {
            assertThat(answers(history.prefix)).isEqualTo(answeredLive);
        } while (rebuilding("catalog") || rebuilding("reviews"));
        awaitLive();

        assertThat(admin().projection("catalog").get("generation").asLong()).isEqualTo(catalog + 1);
        assertThat(admin().projection("reviews").get("generation").asLong()).isEqualTo(reviews + 1);
        Map<String, List<String>> rebuilt = ReadModelDump.of(mongo.getDb());
        ReadModelDump.assertSame("rebuilt", ReadModelDump.without(rebuilt, late.prefix), builtLive);
        assertThat(rebuilt.get("products")).filteredOn(ReadModelDump.idStartsWith(late.prefix)).hasSize(3);
        assertThat(rebuilt.get("reviews")).filteredOn(ReadModelDump.idStartsWith(late.prefix)).hasSize(6);
        assertThat(answers(history.prefix)).isEqualTo(answeredLive);

        admin().post("/admin/projections/rebuild");
        awaitLive();
        assertThat(admin().projection("catalog").get("generation").asLong()).isEqualTo(catalog + 2);
        ReadModelDump.assertSame("rebuilt-twice", ReadModelDump.of(mongo.getDb()), rebuilt);
    }

    /** What a user sees of a history: some products, a search by price and by rating, a page of reviews. */
    private record Answers(List<Optional<ProductView>> products, ProductPage byPrice, ProductPage byRating, ReviewPage reviews) {
    }

    private Answers answers(String prefix) throws Exception {
        List<Optional<ProductView>> products = new java.util.ArrayList<>();
        for (String id : List.of(prefix + "-p0", prefix + "-p1", prefix + "-p419")) {
            products.add(queries.query(new FindProduct(ProductId.of(id)), ResponseTypes.optionalInstanceOf(ProductView.class))
                    .get(10, TimeUnit.SECONDS));
        }
        ProductPage byPrice = queries.query(new SearchProducts(null, Map.of("batch", prefix), null, null, ProductSort.PRICE_ASC,
                PageRequest.first(20)), ProductPage.class).get(10, TimeUnit.SECONDS);
        ProductPage byRating = queries.query(new SearchProducts(null, Map.of("batch", prefix), null, null, ProductSort.RATING_DESC,
                PageRequest.first(20)), ProductPage.class).get(10, TimeUnit.SECONDS);
        ReviewPage reviews = queries.query(new FindReviewsOfProduct(ProductId.of(prefix + "-p7"), PageRequest.first(10)),
                ReviewPage.class).get(10, TimeUnit.SECONDS);
        return new Answers(products, byPrice, byRating, reviews);
    }

    private void awaitLive() {
        long head = head();
        await().atMost(PATIENCE).until(() -> admin().liveAt("catalog", head) && admin().liveAt("reviews", head));
    }

    private boolean rebuilding(String name) {
        return admin().projection(name).get("state").asText().equals("REBUILDING");
    }

    private static List<String> names(JsonNode projections) {
        return StreamSupport.stream(projections.spliterator(), false).map(p -> p.get("name").asText()).toList();
    }
}
