package dev.bazaar.query.document.catalog;

import static dev.bazaar.query.document.catalog.CatalogFixture.product;
import static dev.bazaar.query.document.catalog.CatalogProjectionTest.submitted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.bazaar.api.catalog.FindProduct;
import dev.bazaar.api.catalog.FindProductsByIds;
import dev.bazaar.api.catalog.FindTopRatedProducts;
import dev.bazaar.api.catalog.PriceChanged;
import dev.bazaar.api.catalog.ProductAdded;
import dev.bazaar.api.catalog.ProductId;
import dev.bazaar.api.catalog.ProductPage;
import dev.bazaar.api.catalog.ProductSort;
import dev.bazaar.api.catalog.ProductView;
import dev.bazaar.api.catalog.SearchProducts;
import dev.bazaar.api.common.Money;
import dev.bazaar.api.common.PageRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CatalogQueriesTest {

    private static final Instant T0 = Instant.parse("2026-02-01T10:00:00Z");

    private final CatalogFixture catalog = new CatalogFixture();

    @BeforeEach
    void aSmallCatalog() {
        add("lamp", "Desk lamp", "Warm light for C++ programmers", 2500, Map.of("colour", "red", "room", "office"));
        add("bulb", "bulb", "A spare for the LAMP", 300, Map.of("colour", "white"));
        add("chair", "Office chair", "Sits well", 15000, Map.of("colour", "red", "room", "office"));
        add("rug", "Rug", "Soft, red-ish", 9000, Map.of("colour", "brown", "room", "living"));
        add("sofa", "sofa", "Three seats", 60000, Map.of("room", "living"));
    }

    @Test
    void textMatchesNameOrDescriptionIgnoringCaseAndTakenLiterally() {
        assertThat(ids(search(new SearchProducts("lamp", null, null, null, ProductSort.NAME, PageRequest.first(10)))))
                .containsExactly("bulb", "lamp");
        assertThat(ids(search(new SearchProducts("c++", null, null, null, ProductSort.NAME, PageRequest.first(10)))))
                .containsExactly("lamp");
        assertThat(ids(search(new SearchProducts(".*", null, null, null, ProductSort.NAME, PageRequest.first(10))))).isEmpty();
    }

    @Test
    void everyAttributeMustHaveTheGivenValue() {
        assertThat(ids(search(new SearchProducts(null, Map.of("colour", "red"), null, null, ProductSort.NAME, PageRequest.first(10)))))
                .containsExactly("lamp", "chair");
        assertThat(ids(search(new SearchProducts(null, Map.of("colour", "red", "room", "living"), null, null, ProductSort.NAME, PageRequest.first(10)))))
                .isEmpty();
        assertThat(ids(search(new SearchProducts(null, Map.of("room", "living"), null, null, ProductSort.NAME, PageRequest.first(10)))))
                .containsExactly("rug", "sofa");
    }

    @Test
    void thePriceRangeIncludesItsBounds() {
        assertThat(ids(search(new SearchProducts(null, null, 2500L, 15000L, ProductSort.PRICE_ASC, PageRequest.first(10)))))
                .containsExactly("lamp", "rug", "chair");
        assertThat(ids(search(new SearchProducts(null, null, null, 2500L, ProductSort.PRICE_ASC, PageRequest.first(10)))))
                .containsExactly("bulb", "lamp");
        assertThat(ids(search(new SearchProducts(null, null, 15000L, null, ProductSort.PRICE_DESC, PageRequest.first(10)))))
                .containsExactly("sofa", "chair");
    }

    @Test
    void criteriaCombine() {
        assertThat(ids(search(new SearchProducts("o", Map.of("room", "office"), 10000L, null, ProductSort.NAME, PageRequest.first(10)))))
                .containsExactly("chair");
    }

    @Test
    void everySortOrderAndPagesWithTheTotal() {
        assertThat(ids(search(new SearchProducts(null, null, null, null, ProductSort.NAME, PageRequest.first(10)))))
                .as("by name, whatever the case").containsExactly("bulb", "lamp", "chair", "rug", "sofa");
        assertThat(ids(search(new SearchProducts(null, null, null, null, ProductSort.PRICE_ASC, PageRequest.first(10)))))
                .containsExactly("bulb", "lamp", "rug", "chair", "sofa");
        assertThat(ids(search(new SearchProducts(null, null, null, null, ProductSort.PRICE_DESC, PageRequest.first(10)))))
                .containsExactly("sofa", "chair", "rug", "lamp", "bulb");

        rate("rug", 5, 5);
        rate("chair", 4, 5);
        rate("lamp", 5);
        assertThat(ids(search(new SearchProducts(null, null, null, null, ProductSort.RATING_DESC, PageRequest.first(10)))))
                .containsExactly("rug", "lamp", "chair", "bulb", "sofa");

        ProductPage second = search(new SearchProducts(null, null, null, null, ProductSort.PRICE_ASC, new PageRequest(1, 2)));
        assertThat(ids(second)).containsExactly("rug", "chair");
        assertThat(second.total()).isEqualTo(5);
        ProductPage last = search(new SearchProducts(null, null, null, null, ProductSort.PRICE_ASC, new PageRequest(2, 2)));
        assertThat(ids(last)).containsExactly("sofa");
        assertThat(last.total()).as("a short page counts itself").isEqualTo(5);
        ProductPage exact = search(new SearchProducts(null, null, null, null, ProductSort.PRICE_ASC, new PageRequest(0, 5)));
        assertThat(ids(exact)).containsExactly("bulb", "lamp", "rug", "chair", "sofa");
        assertThat(exact.total()).as("a page the matches fill exactly").isEqualTo(5);
        ProductPage fewerThanMatch = search(new SearchProducts(null, null, null, null, ProductSort.PRICE_ASC, new PageRequest(0, 4)));
        assertThat(ids(fewerThanMatch)).containsExactly("bulb", "lamp", "rug", "chair");
        assertThat(fewerThanMatch.total()).isEqualTo(5);
        assertThat(search(new SearchProducts("lamp", null, null, null, ProductSort.NAME, new PageRequest(5, 2))).total()).isEqualTo(2);
    }

    @Test
    void topRatedAreTheReviewedProductsBestAverageFirstThenMostReviewed() {
        rate("rug", 5, 5);
        rate("lamp", 5);
        rate("chair", 3, 4);
        rate("sofa", 1);
        assertThat(catalog.queries.handle(new FindTopRatedProducts(10)).items()).extracting(p -> p.productId().value())
                .containsExactly("rug", "lamp", "chair", "sofa");
        assertThat(catalog.queries.handle(new FindTopRatedProducts(2)).items()).extracting(p -> p.productId().value())
                .containsExactly("rug", "lamp");
    }

    @Test
    void anUnknownProductIsEmptyAndAbsentFromLists() {
        assertThat(catalog.queries.handle(new FindProduct(ProductId.of("nope"))).join()).isNull();
        assertThat(catalog.queries.handle(new FindProductsByIds(List.of(ProductId.of("sofa"), ProductId.of("nope"),
                ProductId.of("lamp"), ProductId.of("sofa")))).items())
                .extracting(p -> p.productId().value()).containsExactly("sofa", "lamp");
    }

    @Test
    void aMinVersionAnswersAsSoonAsTheProjectionHasAppliedIt() {
        CatalogFixture neverPolls = new CatalogFixture(catalog.mongo, Duration.ofSeconds(30), Duration.ofHours(1));
        CompletableFuture<ProductView> answer = neverPolls.queries.handle(new FindProduct(ProductId.of("lamp"), 1L));
        assertThat(answer).isNotDone();

        neverPolls.given(product("lamp", 1, new PriceChanged(ProductId.of("lamp"), Money.of(2600, "EUR"))));

        await().atMost(Duration.ofSeconds(10)).until(answer::isDone);
        assertThat(answer.join().price()).isEqualTo(Money.of(2600, "EUR"));
        assertThat(neverPolls.queries.handle(new FindProduct(ProductId.of("lamp"), 0L))).isCompleted();
    }

    @Test
    void aMinVersionAppliedByAnotherInstanceIsSeenByPolling() {
        CatalogFixture waitingInstance = new CatalogFixture(catalog.mongo, Duration.ofSeconds(30), Duration.ofMillis(50));
        CompletableFuture<ProductView> answer = waitingInstance.queries.handle(new FindProduct(ProductId.of("lamp"), 1L));
        assertThat(answer).isNotDone();

        catalog.given(product("lamp", 1, new PriceChanged(ProductId.of("lamp"), Money.of(2600, "EUR"))));

        await().atMost(Duration.ofSeconds(10)).until(answer::isDone);
        assertThat(answer.join().version()).isEqualTo(1);
    }

    @Test
    void aMinVersionNotReachedInTimeIsAClearError() {
        CatalogFixture impatient = new CatalogFixture(Duration.ofMillis(300), Duration.ofMillis(50));
        impatient.given(product("lamp", 0, new ProductAdded(ProductId.of("lamp"), "Lamp", "", Money.of(1, "EUR"), 1, Map.of())));

        assertThatThrownBy(() -> impatient.queries.handle(new FindProduct(ProductId.of("lamp"), 3L)).join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(ReadModelBehindException.class)
                .hasMessage("Product lamp is at version 0 in the catalog, not yet at version 3, after waiting 300 ms");
        assertThatThrownBy(() -> impatient.queries.handle(new FindProduct(ProductId.of("ghost"), 0L)).join())
                .cause().hasMessage("Product ghost is not in the catalog, not yet at version 0, after waiting 300 ms");
    }

    private void add(String id, String name, String description, long priceMinor, Map<String, String> attributes) {
        catalog.given(product(id, 0, new ProductAdded(ProductId.of(id), name, description, Money.of(priceMinor, "EUR"), 1, attributes)));
    }

    private int reviews;

    private void rate(String productId, int... ratings) {
        for (int rating : ratings) {
            reviews++;
            catalog.given(submitted("r" + reviews, ProductId.of(productId), rating, T0.plusSeconds(reviews)));
        }
    }

    private ProductPage search(SearchProducts search) {
        return catalog.queries.handle(search);
    }

    private static List<String> ids(ProductPage page) {
        return page.items().stream().map(ProductView::productId).map(ProductId::value).toList();
    }
}
