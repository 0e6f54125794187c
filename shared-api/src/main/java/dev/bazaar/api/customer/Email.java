package dev.bazaar.api.customer;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An email address, kept as the customer typed it. Uniqueness is decided on {@link #normalized()},
 * so that {@code Ann@Example.com} and {@code ann@example.com } are the same address.
 */
public record Email(@JsonValue String value) {

    public static final int MAX_LENGTH = 254;
    private static final Pattern SHAPE = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    public Email {
        if (value == null || value.length() > MAX_LENGTH || !SHAPE.matcher(value.strip()).matches()) {
            throw new IllegalArgumentException("email must look like name@example.com (at most " + MAX_LENGTH + " characters)");
        }
        value = value.strip();
    }

    @JsonCreator
    public static Email of(String value) {
        return new Email(value);
    }

    public String normalized() {
        return value.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return value;
    }
}
