package dev.bazaar.api.catalog;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.bazaar.api.common.Identifiers;
import java.util.UUID;

/** Identifies a product; serialized as its plain string value. */
public record ProductId(@JsonValue String value) {

    public ProductId {
        Identifiers.requireValid(value, "productId");
    }

    @JsonCreator
    public static ProductId of(String value) {
        return new ProductId(value);
    }

    public static ProductId random() {
        return new ProductId(UUID.randomUUID().toString());
    }

    /** The plain value: Axon uses it as the aggregate identifier and the routing key. */
    @Override
    public String toString() {
        return value;
    }
}
