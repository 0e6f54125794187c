package dev.bazaar.bench.replay.document;

import java.util.Map;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** A product of the naive projection: one document, read and rewritten whole on every event. */
@Document("naive_products")
class NaiveProduct {

    @Id
    String productId;
    String name;
    String description;
    Map<String, String> attributes;
    long priceMinor;
    String currency;
    int availableStock;
    boolean discontinued;
    long ratingCount;
    long ratingSum;
    long version;

    NaiveProduct(String productId) {
        this.productId = productId;
    }
}
