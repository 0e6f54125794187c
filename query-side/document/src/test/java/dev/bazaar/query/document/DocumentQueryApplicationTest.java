package dev.bazaar.query.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.bazaar.api.catalog.FindProduct;
import dev.bazaar.api.catalog.FindProductsByIds;
import dev.bazaar.api.catalog.FindTopRatedProducts;
import dev.bazaar.api.catalog.PriceChanged;
import dev.bazaar.api.catalog.ProductAdded;
import dev.bazaar.api.catalog.ProductId;
import dev.bazaar.api.catalog.ProductList;
import dev.bazaar.api.catalog.ProductPage;
import dev.bazaar.api.catalog.ProductRestocked;
import dev.bazaar.api.catalog.ProductSort;
import dev.bazaar.api.catalog.ProductView;
import dev.bazaar.api.catalog.RatingSummary;
import dev.bazaar.api.catalog.SearchProducts;
import dev.bazaar.api.common.Money;
import dev.bazaar.api.common.PageRequest;
import dev.bazaar.api.customer.CustomerId;
import dev.bazaar.api.reviews.FindReviewsOfProduct;
import dev.bazaar.api.reviews.ReviewId;
import dev.bazaar.api.reviews.ReviewPage;
import dev.bazaar.api.reviews.ReviewSubmitted;
import dev.bazaar.query.document.rebuild.ServiceAgainstTheNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryExecutionException;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;

/**
 * The whole service against the real {@code axonserver} node: events appended through Axon are
 * projected by the tracking processors (tokens in MongoDB), and every query is answered through the node.
 */
class DocumentQueryApplicationTest extends ServiceAgainstTheNode {

    @Autowired
    TestRestTemplate http;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    ApplicationContext context;

    private final ProductId lamp = ProductId.of("lamp-" + suffix);

    @Test
    void projectsEventsAppendedThroughAxonAndAnswersEveryQueryThroughTheNode() throws Exception {
        append("Product", lamp.value(), 0, new ProductAdded(lamp, "Lamp " + suffix, "Bright", Money.of(2500, "EUR"), 3,
                Map.of("batch", suffix)));

        CompletableFuture<Optional<ProductView>> atVersionTwo = queries.query(new FindProduct(lamp, 2L),
                ResponseTypes.optionalInstanceOf(ProductView.class));
        append("Product", lamp.value(), 1, new PriceChanged(lamp, Money.of(2700, "EUR")));
        append("Product", lamp.value(), 2, new ProductRestocked(lamp, 5, 8));

        ProductView projected = atVersionTwo.get(30, TimeUnit.SECONDS).orElseThrow();
        assertThat(projected.version()).isEqualTo(2);
        assertThat(projected.price()).isEqualTo(Money.of(2700, "EUR"));
        assertThat(projected.availableStock()).isEqualTo(8);

        ReviewId review = ReviewId.of("review-" + suffix);
        append("Review", review.value(), 0, new ReviewSubmitted(review, lamp, CustomerId.of("ann"), 4, "Good light"));
        await().atMost(Duration.ofSeconds(30)).until(() -> reviewsOfLamp().total() == 1 && productNow().rating().count() == 1);

        assertThat(productNow().rating()).isEqualTo(new RatingSummary(1, 4.0, List.of(0L, 0L, 0L, 1L, 0L)));
        assertThat(productNow().latestReviews()).extracting(r -> r.text()).containsExactly("Good light");
        assertThat(reviewsOfLamp().items()).singleElement().satisfies(r -> assertThat(r.submittedAt()).isNotNull());

        ProductPage found = queries.query(new SearchProducts(null, Map.of("batch", suffix), 2000L, 3000L, ProductSort.NAME,
                PageRequest.first(10)), ProductPage.class).get(10, TimeUnit.SECONDS);
        assertThat(found.items()).extracting(ProductView::productId).containsExactly(lamp);
        assertThat(queries.query(new FindTopRatedProducts(100), ProductList.class).get(10, TimeUnit.SECONDS).items())
                .extracting(ProductView::productId).contains(lamp);
        assertThat(queries.query(new FindProductsByIds(List.of(ProductId.of("nobody-" + suffix), lamp)), ProductList.class)
                .get(10, TimeUnit.SECONDS).items()).extracting(ProductView::productId).containsExactly(lamp);
    }

    @Test
    void anUnknownProductIsEmptyAndAVersionNeverReachedIsAnError() throws Exception {
        assertThat(queries.query(new FindProduct(ProductId.of("nobody-" + suffix)), ResponseTypes.optionalInstanceOf(ProductView.class))
                .get(10, TimeUnit.SECONDS)).isEmpty();

        append("Product", lamp.value(), 0, new ProductAdded(lamp, "Lamp", "", Money.of(100, "EUR"), 1, Map.of()));
        assertThatThrownBy(() -> queries.query(new FindProduct(lamp, 7L), ResponseTypes.optionalInstanceOf(ProductView.class))
                .get(30, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(QueryExecutionException.class)
                .hasMessageContaining("Product " + lamp + " is at version 0 in the catalog, not yet at version 7");
    }

    @Test
    void eachReadModelHasItsOwnTrackingProcessorWithTokensInItsOwnMongoDatabase() {
        assertThat(processing.eventProcessor("catalog", TrackingEventProcessor.class)).isPresent();
        assertThat(processing.eventProcessor("reviews", TrackingEventProcessor.class)).isPresent();
        assertThat(processing.sequencingPolicy("catalog")).isSameAs(context.getBean("catalogSequencingPolicy"));

        await().atMost(Duration.ofSeconds(30)).until(() -> tokenOwners().containsAll(List.of("catalog", "reviews")));
        assertThat(mongo.getDb().getName()).isEqualTo("catalog");
        assertThat(mongo.getCollection(AxonMongoConfiguration.TOKENS_COLLECTION)
                .countDocuments(new Document("processorName", "catalog"))).isEqualTo(2);
    }

    @Test
    void reportsItsMongoDatabaseHealthy() {
        String health = http.getForObject("/actuator/health", String.class);
        assertThat(health).startsWith("{\"status\":\"UP\"").contains("\"mongo\":{\"status\":\"UP\"");
    }

    private List<String> tokenOwners() {
        return mongo.getCollection(AxonMongoConfiguration.TOKENS_COLLECTION).distinct("processorName", String.class)
                .into(new ArrayList<>());
    }

    private ProductView productNow() throws Exception {
        return queries.query(new FindProduct(lamp), ResponseTypes.optionalInstanceOf(ProductView.class))
                .get(10, TimeUnit.SECONDS).orElseThrow();
    }

    private ReviewPage reviewsOfLamp() throws Exception {
        return queries.query(new FindReviewsOfProduct(lamp, PageRequest.first(10)), ReviewPage.class).get(10, TimeUnit.SECONDS);
    }

    private void append(String type, String aggregateId, long sequence, Object payload) {
        events.publish(new GenericDomainEventMessage<>(type, aggregateId, sequence, payload));
    }
}
