package dev.bazaar.api.ordering;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.bazaar.api.common.Identifiers;
import java.util.UUID;

/** Identifies a order; serialized as its plain string value. */
public record OrderId(@JsonValue String value) {

    public OrderId {
        Identifiers.requireValid(value, "orderId");
    }

    @JsonCreator
    public static OrderId of(String value) {
        return new OrderId(value);
    }

    public static OrderId random() {
        return new OrderId(UUID.randomUUID().toString());
    }

    /** The plain value: Axon uses it as the aggregate identifier and the routing key. */
    @Override
    public String toString() {
        return value;
    }
}
