package dev.bazaar.query.document.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bazaar.api.catalog.ProductId;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * One product's events keep failing in the catalog ({@link CatalogFault}): they are parked in the catalog's
 * dead-letter queue (in this service's MongoDB) while every other product is projected; the admin API lists,
 * retries and evicts them; after healing, a retry completes the read model, which equals a clean rebuild.
 */
class DeadLetterTest extends ServiceAgainstTheNode {

    private static final Duration CAUGHT_UP = Duration.ofMinutes(2);

    @Autowired
    CatalogFault fault;
    @Autowired
    MeterRegistry meters;

    @AfterEach
    void healed() {
        fault.heal();
    }

    @Test
    void oneFailingProductIsParkedTheOthersAreProjectedAndARetryCompletesTheReadModel() {
        ShopHistory history = ShopHistory.of("dl-" + suffix, 12, 3);
        ProductId failing = ProductId.of(history.prefix + "-p3");
        List<JsonNode> letters = parkedAfterAppending(history, failing);

        assertThat(products(history.prefix + "-p")).as("every other product is projected").isEqualTo(11);
        assertThat(product(failing)).isNull();
        assertThat(letters).as("its product events and its reviews, sequenced with it").hasSizeGreaterThanOrEqualTo(9)
                .allSatisfy(letter -> assertThat(letter.get("ageSeconds").asDouble()).isNotNegative());
        JsonNode failed = letters.get(0);
        assertThat(List.of(failed.get("eventType").asText(), failed.get("sequenceNumber").asText()))
                .containsExactly("dev.bazaar.api.catalog.ProductAdded", "0");
        assertThat(failed.get("cause").asText()).contains("IllegalStateException", "test fault", failing.value());
        assertThat(letters.subList(1, letters.size())).as("parked behind the failed one, never tried")
                .allSatisfy(behind -> assertThat(behind.get("cause").isNull()).isTrue());
        assertThat(deadLetterGauge("catalog")).isEqualTo(letters.size());
        assertThat(letters("reviews")).as("the reviews read model has no fault").isEmpty();

        AdminClient.Answer stillFailing = admin().post("/admin/dead-letters/catalog/retry");
        assertThat(stillFailing.status()).isEqualTo(200);
        assertThat(stillFailing.body().get("sequencesStillParked").asLong()).as("the fault is still there").isEqualTo(1);
        assertThat(product(failing)).isNull();

        fault.heal();
        AdminClient.Answer retried = admin().post("/admin/dead-letters/catalog/retry");

        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.body().get("sequencesRetried").asInt()).isEqualTo(1);
        assertThat(retried.body().get("sequencesStillParked").asLong()).isZero();
        assertThat(letters("catalog")).isEmpty();
        assertThat(deadLetterGauge("catalog")).isZero();
        Document healed = product(failing);
        assertThat(healed).isNotNull();
        assertThat(((Number) healed.get("version")).longValue()).as("every product event applied, in order")
                .isEqualTo(history.productEvents.stream().filter(e -> e.getAggregateIdentifier().equals(failing.value()))
                        .mapToLong(e -> e.getSequenceNumber()).max().orElseThrow());

        var retriedModel = ReadModelDump.of(mongo.getDb());
        long generation = ReadModelDump.liveGeneration(mongo.getDb(), "catalog");
        assertThat(admin().post("/admin/projections/catalog/rebuild").status()).isEqualTo(202);
        await().atMost(CAUGHT_UP).until(() -> ReadModelDump.liveGeneration(mongo.getDb(), "catalog") == generation + 1);
        awaitCaughtUp();
        ReadModelDump.assertSame("dead-letters-retried", ReadModelDump.of(mongo.getDb()), retriedModel);
    }

    @Test
    void evictedLettersAreDroppedNotAppliedAndUnknownProjectionsAndMissingCredentialsAreRefused() {
        ShopHistory history = ShopHistory.of("ev-" + suffix, 4, 1);
        ProductId failing = ProductId.of(history.prefix + "-p1");
        List<JsonNode> parked = parkedAfterAppending(history, failing);

        AdminClient.Answer evicted = admin().delete("/admin/dead-letters/catalog");

        assertThat(evicted.status()).isEqualTo(200);
        assertThat(evicted.body().get("deadLettersEvicted").asLong()).isEqualTo(parked.size());
        assertThat(letters("catalog")).isEmpty();
        fault.heal();
        assertThat(admin().post("/admin/dead-letters/catalog/retry").body().get("sequencesRetried").asInt()).isZero();
        assertThat(product(failing)).as("an evicted event is not applied").isNull();
        assertThat(products(history.prefix + "-p")).isEqualTo(3);

        AdminClient.Answer unknown = admin().post("/admin/dead-letters/customers/retry");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().get("detail").asText()).contains("customers");
        assertThat(anonymous().get("/admin/dead-letters").status()).isEqualTo(401);
    }

    /** The catalog's letters once the history, with the fault on for one product, is projected: all of that product. */
    private List<JsonNode> parkedAfterAppending(ShopHistory history, ProductId failing) {
        fault.failFor(failing);
        history.appendTo(events);
        awaitCaughtUp();
        List<JsonNode> letters = letters("catalog");
        assertThat(letters).isNotEmpty().extracting(letter -> letter.get("sequenceId").asText()).containsOnly(failing.value());
        return letters;
    }

    private void awaitCaughtUp() {
        long head = head();
        await().atMost(CAUGHT_UP).pollInterval(Duration.ofMillis(200))
                .until(() -> admin().liveAt("catalog", head) && admin().liveAt("reviews", head));
    }

    private Document product(ProductId product) {
        return mongo.getDb().getCollection(liveProducts()).find(new Document("_id", product.value())).first();
    }

    private long products(String idPrefix) {
        return mongo.getDb().getCollection(liveProducts())
                .countDocuments(new Document("_id", new Document("$regex", "^" + idPrefix)));
    }

    private String liveProducts() {
        return "products_g" + ReadModelDump.liveGeneration(mongo.getDb(), "catalog");
    }

    private List<JsonNode> letters(String projection) {
        AdminClient.Answer list = admin().get("/admin/dead-letters");
        assertThat(list.status()).isEqualTo(200);
        for (JsonNode ofProjection : list.body().get("projections")) {
            if (ofProjection.get("name").asText().equals(projection)) {
                List<JsonNode> letters = new ArrayList<>();
                ofProjection.get("deadLetters").forEach(letters::add);
                return letters;
            }
        }
        throw new AssertionError("No projection " + projection + " in " + list.body());
    }

    private double deadLetterGauge(String projection) {
        return meters.get("bazaar.projection.dead-letters").tag("projection", projection).gauge().value();
    }
}
