package dev.bazaar.api.customer;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.bazaar.api.common.Identifiers;
import java.util.UUID;

/** Identifies a customer; serialized as its plain string value. */
public record CustomerId(@JsonValue String value) {

    public CustomerId {
        Identifiers.requireValid(value, "customerId");
    }

    @JsonCreator
    public static CustomerId of(String value) {
        return new CustomerId(value);
    }

    public static CustomerId random() {
        return new CustomerId(UUID.randomUUID().toString());
    }

    /** The plain value: Axon uses it as the aggregate identifier and the routing key. */
    @Override
    public String toString() {
        return value;
    }
}
