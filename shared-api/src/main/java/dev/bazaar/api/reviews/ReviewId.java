package dev.bazaar.api.reviews;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.bazaar.api.common.Identifiers;
import java.util.UUID;

/** Identifies a review; serialized as its plain string value. */
public record ReviewId(@JsonValue String value) {

    public ReviewId {
        Identifiers.requireValid(value, "reviewId");
    }

    @JsonCreator
    public static ReviewId of(String value) {
        return new ReviewId(value);
    }

    public static ReviewId random() {
        return new ReviewId(UUID.randomUUID().toString());
    }

    /** The plain value: Axon uses it as the aggregate identifier and the routing key. */
    @Override
    public String toString() {
        return value;
    }
}
